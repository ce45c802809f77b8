export { ACCOUNTS, expenditureAccount, revenueAccount } from "./chart.js";
export type { Account, AccountInfo } from "./chart.js";
export { balancesFromPostings, postingsOf } from "./postings.js";
export type { PostedBalance, Posting, UnitKindOf } from "./postings.js";
