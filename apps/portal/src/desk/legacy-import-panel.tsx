import { useState, type ChangeEvent } from 'react';
import { ImportLegacyInventoryDocument, type ImportLegacyInventoryMutation } from '../api/generated/legacy';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ErrorMessage, Notice } from '../ui/notice';
import { Table } from '../ui/table';
import { useAction } from '../ui/use-async';

/** The API refuses a longer CSV text (docs/legacy-import.md). */
export const LEGACY_IMPORT_MAX_CHARS = 64_000;

type ImportResult = ImportLegacyInventoryMutation['importLegacyInventory'];

interface ChosenFile {
  name: string;
  text: string;
}

/** Why the portal will not send this file, before the API is asked; null when it may be sent. */
function refusalOf(file: ChosenFile): string | null {
  if (file.text.length > LEGACY_IMPORT_MAX_CHARS) {
    return `${file.name} is too large: ${file.text.length.toLocaleString('en')} characters, at most ${LEGACY_IMPORT_MAX_CHARS.toLocaleString('en')}. Split it into several files and import each.`;
  }
  if (!/\.(csv|txt)$/i.test(file.name)) {
    return `${file.name} is not a CSV file: choose a .csv file (docs/legacy-import.md says which columns it holds).`;
  }
  return null;
}

/** The service desk imports a site's legacy inventory from a CSV file: a dry run first, then for real. */
export function LegacyImportPanel() {
  const { call } = useSession();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const refusal = file ? refusalOf(file) : null;

  const dryRun = useAction(async () => {
    if (!file) return;
    setImported(null);
    const { importLegacyInventory } = await call(ImportLegacyInventoryDocument, {
      csv: file.text,
      dryRun: true,
    });
    setPreview(importLegacyInventory);
  });
  const importForReal = useAction(async () => {
    if (!file) return;
    const { importLegacyInventory } = await call(ImportLegacyInventoryDocument, {
      csv: file.text,
      dryRun: false,
    });
    setImported(importLegacyInventory);
  });

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    // Cancelling the picker keeps the file chosen before.
    if (!chosen) return;
    setReadError(null);
    chosen.text().then(
      (text) => {
        setFile({ name: chosen.name, text });
        setPreview(null);
        setImported(null);
        dryRun.clearError();
        importForReal.clearError();
      },
      () => setReadError(`${chosen.name} could not be read: choose it again.`),
    );
  };

  return (
    <div className="card">
      <div className="page-head">
        <h2 id="legacy-import-title">Legacy inventory import</h2>
      </div>
      <p>
        A CSV file of the site&apos;s numbers still on legacy services (the columns are in
        docs/legacy-import.md; at most {LEGACY_IMPORT_MAX_CHARS.toLocaleString('en')} characters). Preview it
        first: the dry run changes nothing.
      </p>
      <div className="field">
        <label htmlFor="legacy-import-file">Legacy inventory CSV file</label>
        <input id="legacy-import-file" type="file" accept=".csv,text/csv" onChange={choose} />
        {file ? (
          <span className="field-hint" data-testid="legacy-import-chosen">
            Chosen: {file.name} ({file.text.length.toLocaleString('en')} characters)
          </span>
        ) : null}
      </div>
      <ErrorMessage error={readError ?? refusal} />
      <span className="actions">
        <Button
          busy={dryRun.busy}
          disabledReason={
            !file ? 'Choose a CSV file first.' : refusal ? 'This file cannot be imported.' : null
          }
          onClick={() => void dryRun.run()}
        >
          Preview (dry run)
        </Button>
        <Button
          variant="primary"
          busy={importForReal.busy}
          disabledReason={!preview ? 'Preview the file first.' : imported ? 'This file was imported.' : null}
          onClick={() => void importForReal.run()}
        >
          Import
        </Button>
      </span>
      <ErrorMessage error={dryRun.error ?? importForReal.error} />
      {preview && !imported ? <ImportCounts title="Preview (nothing changed)" result={preview} /> : null}
      {imported ? <ImportCounts title="Imported" result={imported} /> : null}
    </div>
  );
}

function ImportCounts({ title, result }: { title: string; result: ImportResult }) {
  const tone = result.refused > 0 ? 'warning' : 'success';
  return (
    <section
      aria-label={title}
      data-testid={result.dryRun ? 'legacy-import-preview' : 'legacy-import-result'}
    >
      <Notice tone={tone} title={title}>
        <dl className="counts">
          <dt>Lines</dt>
          <dd data-count="lines">{result.lines}</dd>
          <dt>Added</dt>
          <dd data-count="added">{result.added}</dd>
          <dt>Updated</dt>
          <dd data-count="updated">{result.updated}</dd>
          <dt>Unchanged</dt>
          <dd data-count="unchanged">{result.unchanged}</dd>
          <dt>Refused</dt>
          <dd data-count="refused">{result.refused}</dd>
        </dl>
        <p>{result.summary}</p>
      </Notice>
      {result.refusedLines.length > 0 ? (
        <Table
          caption="Refused lines"
          rows={result.refusedLines}
          rowKey={(r) => String(r.line)}
          empty=""
          columns={[
            { header: 'Line', cell: (r) => r.line },
            { header: 'Reason', cell: (r) => r.reason },
            { header: 'Text', cell: (r) => <code>{r.text}</code> },
          ]}
        />
      ) : null}
    </section>
  );
}
