/**
 * The help text of `fundledger`.
 *
 * @module
 */

/** What `fundledger --help` prints. */
export const USAGE = `fundledger — a government department's fund flows as an event-sourced ledger
whose projections are its published final accounts (部门决算), exact to the fen.

Usage:
  fundledger demo [--table T1] [--format text|md|csv|json]
  fundledger report (--events FILE | --example NAME | --store STORE) [--year YEAR] [--table T1..T10]
                    [--format text|md|csv|json] [--catalog CATALOG.json]
  fundledger report (--events FILE | --example NAME | --store STORE) [--year YEAR] --narrative [--format json|md|html]
  fundledger report (--events FILE | --example NAME | --store STORE) [--year YEAR] --full [--format md|html]
                    [--notes NOTES.json] [--profile PROFILE.json]
  fundledger check  (--events FILE | --example NAME | --store STORE) [--year YEAR] [--catalog CATALOG.json]
  fundledger check  (--events FILE | --example NAME | --store STORE) [--year YEAR] --narrative NARRATIVE.json
  fundledger export (--example NAME | --events FILE) [--catalog CATALOG.json]
  fundledger generate --events N [--seed S] [--units U] [--years Y] [--ids sequence|random|timeOrdered]
  fundledger import REPORT [--out EVENTS.jsonl] [--catalog-out CATALOG.json] [--catalog CATALOG.json]
                    [--format json|text|pipe] [--year YEAR] [--allow-inconsistent]
  fundledger whatif (--events FILE | --example NAME | --store STORE) --scenario SCENARIO.json [--year YEAR]
                    [--format text|md|json] [--all] [--enforce-appropriations] [--catalog CATALOG.json]
  fundledger append --store STORE EVENTS.jsonl [--catalog CATALOG.json] [--batch-size N]
  fundledger verify --store STORE
  fundledger --help | --version

Commands:
  demo      the ten tables of the reference department (example guangzhou-cac-2020, 2020)
  report    the tables of a year; --format json prints the published report JSON;
            --narrative the figures of the explanations and performance parts
            (JSON: {department, year, unit, figures}; md or html: those parts in words);
            --full the complete final accounts: profile, tables, explanations,
            performance, glossary
  check     audits a year: every identity of the accounts, one line per violation;
            --narrative FILE lists each printed figure that differs from the events
  export    an example's (or a file's) events as JSON Lines, checked and normalized
  generate  a synthetic valid event log as JSON Lines (seed 1 unless --seed); --ids the
            ids' shape: g<seed>-<n> (default), UUID v4 form, or UUID v7 form in order
  import    a published report (report JSON, text layout, pipe transcription) as events
            whose tables print every published cell back; codes beyond the bundled
            catalog go to --catalog-out (beside --out by default)
  append    appends an events file to a durable store, 1,000 events a commit; an invalid
            event stops it at its line, nothing of that batch stored
  verify    recomputes a store's hash chain: exit 0 when intact, 1 naming the first
            bad position
  whatif    a what-if scenario on a fork of the events: every table cell and narrative
            figure it changes, and every fund or budget line that would run short
            (docs/scenarios.md); exit 1 on a bad scenario

Options:
  --events FILE        events as JSON Lines, one event a line
  --example NAME       a bundled example (examples/NAME/events.jsonl)
  --store STORE        a durable store instead of a file (report, check, whatif, append,
                       verify): sqlite:PATH or postgres://USER@HOST:PORT/DB[?schema=NAME]
  --year YEAR          the year (required unless the example has a default year)
  --table T            a table, T1 … T10; repeat it or list them (T1,T4); all ten by default
  --format F           text (default, aligned for a terminal), md, csv or json
  --catalog FILE       codes beyond the bundled 2020 catalog:
                       {"functional": [{"code", "name"}], "economic": [...]}
  --ambiguous-width N  columns of “ ” · … in text output: 2 (default, a Chinese
                       terminal) or 1
  --out FILE           where import writes the events (standard output by default)
  --allow-inconsistent import a report whose printed figures break an identity of the
                       accounts, recording each discrepancy (import refuses it otherwise)
  --notes FILE         reasons keyed by figure, for --narrative and --full
                       (an example's notes.json by default)
  --profile FILE       the department's duties, for --full (an example's profile.json)
  --scenario FILE      a scenario for whatif: {"name", "adjustments": [...]}
  --all                whatif lists every cell and figure, changed or not
  --enforce-appropriations  whatif refuses spending beyond a fiscal line's budget

Exit status: 0 done; 1 invalid input or audit violations; 2 usage error
(unknown command or flag, bad value, missing file); 70 internal error.
`;
