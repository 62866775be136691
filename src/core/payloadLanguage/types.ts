// What the payload language service returns. Offsets are UTF-16 offsets into the document text; the editor
// adapter converts them to positions. Nothing here knows about VS Code.
import type { OffsetRange } from '../text';
import type { SchemaCatalog } from '../scim/catalog';

export type CompletionKind = 'property' | 'value' | 'schema' | 'operator' | 'keyword' | 'snippet' | 'enum';

export interface PayloadCompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Plain text, or VS Code snippet syntax when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  /** The text the item replaces; starts at or before the cursor, on the cursor's line. */
  range: OffsetRange;
  /** What the editor matches the typed text against (defaults to the label). */
  filterText?: string;
  sortText?: string;
}

export interface PayloadHover {
  range: OffsetRange;
  /** Markdown. */
  markdown: string;
}

export interface PayloadLanguageOptions {
  catalog?: SchemaCatalog;
  /**
   * The document is also validated by the contributed JSON Schema (`*.scim.json`), whose completion and hover
   * already cover standard attributes at standard places; the service then leaves those to VS Code's JSON
   * support and offers only what the static schema cannot know, so nothing is shown twice.
   */
  jsonSchemaCovered?: boolean;
}
