/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour to write on a risk level's colour: near-black or white, whichever contrasts more
 * (an organisation picks its own matrix colours, so this cannot be fixed in CSS).
 */
export function textOn(background: string): string {
  return contrastRatio(background, '#1b1f24') >= contrastRatio(background, '#ffffff') ? '#1b1f24' : '#ffffff';
}
