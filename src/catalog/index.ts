export * from "./dimensions.js";
export { CLASS_LINES_2020 } from "./classLines.js";
export type { ClassLine } from "./classLines.js";
export { ECONOMIC_CODES_2020, FUNCTIONAL_CODES_2020 } from "./codes2020.js";
export type { CodeName } from "./codes2020.js";
export { NON_TAX_LINES_2020 } from "./nonTaxLines.js";
export type { NonTaxLine } from "./nonTaxLines.js";
export {
  PERSONNEL_ECONOMIC_CLASSES,
  PUBLIC_ECONOMIC_CLASSES,
  THREE_PUBLIC_ECONOMIC,
  CatalogError,
  classLineIndex,
  createCatalog,
  defaultCatalog,
  economicLevel,
  functionalLevel,
  safeCreateCatalog,
} from "./catalog.js";
export type { Catalog, CatalogExtension, CatalogProblem, EconomicLevel, FunctionalLevel } from "./catalog.js";
