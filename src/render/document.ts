/**
 * The complete final-accounts document (部门决算) of a year, as content: the
 * five parts in the report's order — the department's profile (duties as
 * supplied; the units from the events), the ten tables, the explanations
 * generated from the figures with the notes that give reasons, the
 * performance part, and the glossary. {@link renderDocumentMarkdown} and
 * {@link renderDocumentHtml} lay it out.
 *
 * @module
 */
import { narrativeOf } from "../narrative/narrative.js";
import { explanationBlocks, performanceBlocks, unitsParagraph, type DocumentBlock, type DocumentNotes } from "../narrative/explanations.js";
import { GLOSSARY, ROUNDING_REMARK, type GlossaryEntry } from "../narrative/glossary.js";
import type { NarrativeSource } from "../narrative/source.js";
import { buildTables } from "../tables/report.js";
import type { Table } from "../tables/table.js";

/** What the events cannot say about a department: its duties (and, optionally, its own glossary). */
export interface DocumentProfile {
  /** 部门主要职责: paragraphs. */
  readonly duties?: readonly string[];
  /** A glossary replacing the template's. */
  readonly glossary?: readonly GlossaryEntry[];
}

/** A block of the document: a generated block, or one of the ten tables. */
export type DocumentContent = DocumentBlock | { readonly kind: "table"; readonly table: Table };

/** One of the five parts. */
export interface DocumentPart {
  /** e.g. "第三部分 …2020年部门决算情况说明". */
  readonly title: string;
  /** Its content; headings inside are at levels 2–4 (the part is level 1). */
  readonly blocks: readonly DocumentContent[];
}

/** The complete document of a year. */
export interface FinalAccountsDocument {
  /** e.g. "2020年中共广州市委网络安全和信息化委员会办公室部门决算". */
  readonly title: string;
  /** The department. */
  readonly department: string;
  /** The year. */
  readonly year: number;
  /** The five parts, in the report's order. */
  readonly parts: readonly DocumentPart[];
  /** The closing remark. */
  readonly remark: string;
}

/** Options of {@link finalAccountsDocument}. */
export interface DocumentOptions {
  /** Duties and glossary. */
  readonly profile?: DocumentProfile;
  /** Reasons and passages keyed by figure (see {@link DocumentNotes}). */
  readonly notes?: DocumentNotes;
  /** The department's name, when the events register none. */
  readonly department?: string;
}

/**
 * The complete final-accounts document of a year, from a ledger-like source.
 *
 * @param source - a ledger, a projector, or an aggregate with its catalog
 * @param year - the year
 * @param options - profile, notes and a fallback department name
 * @returns the document's content, ready to render
 *
 * @example
 * ```ts
 * const document = finalAccountsDocument(ledger, 2020, { profile, notes });
 * renderDocumentMarkdown(document);
 * ```
 */
export function finalAccountsDocument(source: NarrativeSource, year: number, options: DocumentOptions = {}): FinalAccountsDocument {
  const narrative = narrativeOf(source, year);
  const department = narrative.department || options.department || "";
  const named = { ...narrative, department };
  const notes = options.notes ?? {};
  const duties = options.profile?.duties ?? [];
  const keyEvaluated = [...new Set(readKeyEvaluated(source, year))];
  const tables = buildTables(source.aggregate(), year, source.catalog);
  const parts: DocumentPart[] = [
    {
      title: `第一部分 ${department}概况`,
      blocks: [
        { kind: "heading", level: 2, text: "（一）部门主要职责" },
        ...duties.map((text): DocumentBlock => ({ kind: "paragraph", text })),
        { kind: "heading", level: 2, text: "（二）部门决算单位构成" },
        ...unitsParagraph(named),
      ],
    },
    {
      title: `第二部分 ${department}${year}年部门决算表`,
      blocks: [{ kind: "paragraph", text: "单位：万元" }, ...tables.map((table) => ({ kind: "table" as const, table }))],
    },
    { title: `第三部分 ${department}${year}年部门决算情况说明`, blocks: explanationBlocks(named, notes, source.catalog) },
    { title: "第四部分 预算绩效管理情况", blocks: performanceBlocks(named, notes, keyEvaluated) },
    {
      title: "第五部分 名词解释",
      blocks: (options.profile?.glossary ?? GLOSSARY).map((entry): DocumentBlock => ({ kind: "paragraph", text: `${entry.term}：${entry.definition}` })),
    },
  ];
  return { title: `${year}年${department}部门决算`, department, year, parts, remark: ROUNDING_REMARK };
}

/** The key-evaluated projects of a year, by the order their evaluations were first recorded. */
function readKeyEvaluated(source: NarrativeSource, year: number): string[] {
  const cells = source.aggregate().years.get(year)?.evaluations ?? [];
  const counts = new Map<string, number>();
  for (const cell of cells) if (cell.evaluation === "key") counts.set(cell.project, (counts.get(cell.project) ?? 0) + cell.count);
  return [...counts].filter(([, count]) => count > 0).map(([project]) => project);
}
