import type { ReactNode } from 'react';
import type { Action } from '@custodian/shared/permissions.ts';
import { AcceptInvitationPage } from './features/auth/accept-invitation-page.tsx';
import { ApiTokensPage } from './features/api-tokens/api-tokens-page.tsx';
import { AccountSecurityPage } from './features/auth/account-security-page.tsx';
import { ConfirmEmailChangePage } from './features/auth/confirm-email-change-page.tsx';
import { CheckEmailPage } from './features/auth/check-email-page.tsx';
import { ForgotPasswordPage } from './features/auth/forgot-password-page.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { MfaChallengePage } from './features/auth/mfa-challenge-page.tsx';
import { ResetPasswordPage } from './features/auth/reset-password-page.tsx';
import { SignupPage } from './features/auth/signup-page.tsx';
import { VerifyEmailPage } from './features/auth/verify-email-page.tsx';
import { AuditLogPage } from './features/audit-log/audit-log-page.tsx';
import { CataloguePage } from './features/catalogue/catalogue-page.tsx';
import { DashboardPage } from './features/dashboard/dashboard-page.tsx';
import { GapItemPage } from './features/gap/gap-item-page.tsx';
import { GapPage } from './features/gap/gap-page.tsx';
import { RegisterPage } from './features/register-import/register-page.tsx';
import { ControlPage } from './features/controls/control-page.tsx';
import { ControlsPage } from './features/controls/controls-page.tsx';
import { SoaPage } from './features/soa/soa-page.tsx';
import { MembersPage } from './features/members/members-page.tsx';
import { OutboxPage } from './features/outbox/outbox-page.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';
import { SsoCallbackPage } from './features/sso/sso-callback-page.tsx';
import { ComparisonPage, GuestComparisonPage } from './features/quotes/comparison-page.tsx';
import { EngagementsPage } from './features/quotes/engagements-page.tsx';
import { QuoteBuilderPage } from './features/quotes/quote-builder-page.tsx';
import { ReviewModerationPage } from './features/quotes/review-moderation-page.tsx';
import { GuestNewRequestPage, NewRequestPage } from './features/marketplace/new-request-page.tsx';
import { GuestRequestPage, RequestDetailPage, RequestsPage } from './features/marketplace/request-pages.tsx';
import { LeadDetailPage, LeadInboxPage } from './features/leads/lead-pages.tsx';
import { ApprovalQueuePage } from './features/operator/approval-queue-page.tsx';
import { DirectoryPage } from './features/directory/directory-page.tsx';
import { ProviderPage } from './features/directory/provider-page.tsx';
import { NewProviderPage } from './features/providers/new-provider-page.tsx';
import { ProviderProfilePage } from './features/providers/provider-profile-page.tsx';
import { OperatorPage } from './features/operator/operator-page.tsx';
import { ScopePage } from './features/scope/scope-page.tsx';
import { ScopePartPage } from './features/scope/scope-part-page.tsx';
import { AssetPage, NewAssetPage } from './features/assets/asset-page.tsx';
import { AssetsPage } from './features/assets/assets-page.tsx';
import { ClassificationPage } from './features/assets/classification-page.tsx';
import { RiskInsightsPage } from './features/risk-insights/risk-insights-page.tsx';
import { NewRiskPage } from './features/risks/new-risk-page.tsx';
import { RiskMethodPage } from './features/risks/risk-method-page.tsx';
import { RiskPage } from './features/risks/risk-page.tsx';
import { RisksPage } from './features/risks/risks-page.tsx';
import { FrameworksPage } from './features/frameworks/frameworks-page.tsx';
import { TransitionPage } from './features/frameworks/transition-page.tsx';
import { EvidenceDetailPage, NewEvidencePage } from './features/evidence/evidence-detail-page.tsx';
import { EvidencePage } from './features/evidence/evidence-page.tsx';
import { CertificationPage } from './features/certification/certification-page.tsx';
import { DocumentsPage } from './features/documents/documents-page.tsx';
import { DocumentPage } from './features/documents/document-page.tsx';
import { MyPoliciesPage } from './features/documents/my-policies-page.tsx';
import { StaffHome } from './features/documents/staff-home.tsx';
import { PlanPage } from './features/plan/plan-page.tsx';
import { ManagementReviewPage } from './features/management-reviews/management-review-page.tsx';
import { ManagementReviewsPage } from './features/management-reviews/management-reviews-page.tsx';
import { AuditsPage } from './features/audits/audits-page.tsx';
import { AuditPage } from './features/audits/audit-page.tsx';
import { NonconformitiesPage } from './features/audits/nonconformities-page.tsx';
import { NonconformityPage } from './features/audits/nonconformity-page.tsx';
import { MyTrainingPage } from './features/training/my-training-page.tsx';
import { TrainingCoveragePage } from './features/training/training-coverage-page.tsx';
import { TrainingItemPage } from './features/training/training-item-page.tsx';
import { TrainingPage } from './features/training/training-page.tsx';
// new-module: imports

export interface RouteDef {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
  /** Pages shown in the signed-out layout; they work whether or not someone is signed in. */
  isPublic?: boolean;
  /** Pages a signed-in person is sent away from (to the dashboard). */
  isSignedOutOnly?: boolean;
  permission?: Action;
}

export const routes: RouteDef[] = [
  { path: '/login', render: () => <LoginPage />, isPublic: true, isSignedOutOnly: true },
  { path: '/login/mfa', render: () => <MfaChallengePage />, isPublic: true },
  { path: '/signup', render: () => <SignupPage />, isPublic: true, isSignedOutOnly: true },
  { path: '/check-email', render: () => <CheckEmailPage />, isPublic: true },
  { path: '/verify-email', render: () => <VerifyEmailPage />, isPublic: true },
  { path: '/accept-invitation', render: () => <AcceptInvitationPage />, isPublic: true },
  { path: '/forgot-password', render: () => <ForgotPasswordPage />, isPublic: true },
  { path: '/reset-password', render: () => <ResetPasswordPage />, isPublic: true },
  { path: '/confirm-email-change', render: () => <ConfirmEmailChangePage />, isPublic: true },
  { path: '/sso/callback', render: () => <SsoCallbackPage />, isPublic: true },
  { path: '/providers', render: () => <DirectoryPage />, isPublic: true },
  { path: '/providers/:slug', render: (params) => <ProviderPage slug={params.slug ?? ''} />, isPublic: true },
  { path: '/', render: () => <StaffHome otherwise={<DashboardPage />} /> },
  { path: '/gap', render: () => <GapPage />, permission: 'gap.read' },
  { path: '/register', render: () => <RegisterPage />, permission: 'risks.read' },
  { path: '/controls', render: () => <ControlsPage />, permission: 'gap.read' },
  { path: '/controls/:controlId', render: (params) => <ControlPage controlId={params.controlId ?? ''} />, permission: 'gap.read' },
  { path: '/soa', render: () => <SoaPage />, permission: 'gap.read' },
  { path: '/gap/:itemId', render: (params) => <GapItemPage itemId={params.itemId ?? ''} />, permission: 'gap.read' },
  { path: '/catalogue', render: () => <CataloguePage />, permission: 'catalogue.read' },
  { path: '/audit-log', render: () => <AuditLogPage />, permission: 'audit_log.read' },
  { path: '/members', render: () => <MembersPage />, permission: 'members.read' },
  { path: '/settings', render: () => <SettingsPage />, permission: 'org.read' },
  { path: '/outbox', render: () => <OutboxPage />, permission: 'outbox.read' },
  { path: '/account/security', render: () => <AccountSecurityPage /> },
  { path: '/account/api-tokens', render: () => <ApiTokensPage /> },
  { path: '/provider/leads/:leadId/quote', render: (params) => <QuoteBuilderPage leadId={params.leadId ?? ''} />, permission: 'provider.read' },
  { path: '/marketplace/requests/:requestId/comparison', render: (params) => <ComparisonPage requester={{ kind: 'org', requestId: params.requestId ?? '' }} />, permission: 'marketplace.read' },
  { path: '/marketplace/engagements', render: () => <EngagementsPage />, permission: 'marketplace.read' },
  { path: '/operator/reviews', render: () => <ReviewModerationPage /> },
  { path: '/guest/new-request', render: () => <GuestNewRequestPage />, isPublic: true },
  { path: '/guest/request', render: () => <GuestRequestPage />, isPublic: true },
  { path: '/guest/request/comparison', render: () => <GuestComparisonPage />, isPublic: true },
  { path: '/marketplace/requests', render: () => <RequestsPage />, permission: 'marketplace.read' },
  { path: '/marketplace/requests/new', render: () => <NewRequestPage />, permission: 'marketplace.request' },
  { path: '/marketplace/requests/:requestId', render: (params) => <RequestDetailPage requestId={params.requestId ?? ''} />, permission: 'marketplace.read' },
  { path: '/provider/leads', render: () => <LeadInboxPage />, permission: 'provider.read' },
  { path: '/provider/leads/:leadId', render: (params) => <LeadDetailPage leadId={params.leadId ?? ''} />, permission: 'provider.read' },
  { path: '/operator/requests', render: () => <ApprovalQueuePage /> },
  { path: '/provider/new', render: () => <NewProviderPage /> },
  { path: '/provider/profile', render: () => <ProviderProfilePage />, permission: 'provider.read' },
  { path: '/operator', render: () => <OperatorPage /> },
  { path: '/scope', render: () => <ScopePage />, permission: 'scope.read' },
  { path: '/scope/context', render: () => <ScopePartPage page="context" />, permission: 'scope.read' },
  { path: '/scope/parties', render: () => <ScopePartPage page="parties" />, permission: 'scope.read' },
  { path: '/scope/boundaries', render: () => <ScopePartPage page="boundaries" />, permission: 'scope.read' },
  { path: '/assets', render: () => <AssetsPage />, permission: 'assets.read' },
  { path: '/assets/new', render: () => <NewAssetPage />, permission: 'assets.write' },
  { path: '/assets/classification', render: () => <ClassificationPage />, permission: 'assets.scheme' },
  { path: '/assets/:id', render: (params) => <AssetPage id={params.id ?? ''} />, permission: 'assets.read' },
  { path: '/risk-insights', render: () => <RiskInsightsPage />, permission: 'risks.read' },
  { path: '/frameworks', render: () => <FrameworksPage />, permission: 'gap.read' },
  { path: '/frameworks/iso27001-2013', render: () => <TransitionPage />, permission: 'gap.read' },
  { path: '/risks', render: () => <RisksPage />, permission: 'risks.read' },
  { path: '/risks/new', render: () => <NewRiskPage />, permission: 'risks.write' },
  { path: '/risks/method', render: () => <RiskMethodPage />, permission: 'risks.read' },
  { path: '/risks/:riskId', render: (params) => <RiskPage riskId={params.riskId ?? ''} />, permission: 'risks.read' },
  { path: '/evidence', render: () => <EvidencePage />, permission: 'evidence.read' },
  { path: '/evidence/new', render: () => <NewEvidencePage />, permission: 'evidence.write' },
  { path: '/evidence/:evidenceId', render: (params) => <EvidenceDetailPage id={params.evidenceId ?? ''} />, permission: 'evidence.read' },
  { path: '/certification', render: () => <CertificationPage />, permission: 'certification.read' },
  { path: '/documents', render: () => <DocumentsPage />, permission: 'documents.read' },
  { path: '/documents/:documentId', render: (params) => <DocumentPage id={params.documentId ?? ''} />, permission: 'documents.read' },
  { path: '/my-policies', render: () => <MyPoliciesPage />, permission: 'acknowledgements.self' },
  { path: '/plan', render: () => <PlanPage />, permission: 'calendar.feed' },
  { path: '/management-reviews', render: () => <ManagementReviewsPage />, permission: 'management_reviews.read' },
  { path: '/management-reviews/:reviewId', render: (params) => <ManagementReviewPage id={params.reviewId ?? ''} />, permission: 'management_reviews.read' },
  { path: '/audits', render: () => <AuditsPage />, permission: 'audits.read' },
  { path: '/audits/:auditId', render: (params) => <AuditPage id={params.auditId ?? ''} />, permission: 'audits.read' },
  { path: '/nonconformities', render: () => <NonconformitiesPage />, permission: 'audits.read' },
  { path: '/nonconformities/:ncId', render: (params) => <NonconformityPage id={params.ncId ?? ''} />, permission: 'audits.read' },
  { path: '/training', render: () => <TrainingPage />, permission: 'training.read' },
  { path: '/training/coverage', render: () => <TrainingCoveragePage />, permission: 'training.read' },
  { path: '/training/:itemId', render: (params) => <TrainingItemPage id={params.itemId ?? ''} />, permission: 'training.read' },
  { path: '/my-training', render: () => <MyTrainingPage />, permission: 'training.own' },
  // new-module: routes
];
