import { importFields, sheetNames, type ImportMapping, type ImportSheet } from '@custodian/shared/contracts/register-import.ts';
import { TableWrap } from '../../components/table.tsx';
import { countOf } from './import-words.ts';

interface ImportMappingProps {
  sheets: ImportSheet[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** Which column of the file holds each field, one table per sheet; each choice can be changed. */
export function ImportMappingTables({ sheets, mapping, onChange }: ImportMappingProps) {
  return (
    <>
      {sheets.map((sheet) => {
        const captionId = `mapping-${sheet.role}`;
        return (
          <TableWrap key={sheet.role} labelledBy={captionId}>
            <table className="table">
              <caption id={captionId}>
                {sheetNames[sheet.role]}: {countOf(sheet.rowCount, 'row', 'rows')} in “{sheet.sheetName}”
              </caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Column in your file</th>
                </tr>
              </thead>
              <tbody>
                {importFields[sheet.role].map((field) => {
                  const chosen = mapping[sheet.role]?.[field.key];
                  const selectId = `map-${sheet.role}-${field.key}`;
                  return (
                    <tr key={field.key}>
                      <th scope="row">
                        <label htmlFor={selectId}>
                          {field.label}
                          {field.isRequired ? <span className="field-required"> (required)</span> : null}
                        </label>
                      </th>
                      <td>
                        <select
                          id={selectId}
                          className="input select"
                          value={chosen === null || chosen === undefined ? '' : String(chosen)}
                          onChange={(event) => {
                            const value = event.target.value === '' ? null : Number(event.target.value);
                            onChange({ ...mapping, [sheet.role]: { ...(mapping[sheet.role] ?? {}), [field.key]: value } });
                          }}
                        >
                          <option value="">{field.isRequired ? 'Choose a column' : 'Do not import'}</option>
                          {sheet.headers.map((header, index) => (
                            <option key={`${index}-${header}`} value={String(index)}>
                              {header === '' ? `Column ${index + 1} (no heading)` : header}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        );
      })}
    </>
  );
}
