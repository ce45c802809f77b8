export { FEN_PER_YUAN, FEN_PER_WAN, FEN_PER_PUBLISHED_STEP, AMOUNT_FEN_MAX, FenOverflowError, isFen, addFen, sumFen, subtractFen } from "./fen.js";
export { Dec, fenToWan, formatWan, groupThousands, parseWan, percentOf } from "./decimal.js";
export type { WanParseProblem } from "./decimal.js";
