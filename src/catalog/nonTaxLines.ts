/**
 * The lines of Table 10 (非税收入征缴情况表). The report prints names only and
 * no source read prints their 收入分类 codes, so each line has a stable id;
 * events name a leaf line, parents are sums.
 *
 * @module
 */

/** A line of Table 10. */
export interface NonTaxLine {
  /** Stable id, what events carry. */
  readonly id: string;
  /** The label as printed. */
  readonly label: string;
  /** The parent line's id, or null for a top-level line. */
  readonly parent: string | null;
}

/** The lines of Table 10 in printed order (the 合计 line excluded). */
export const NON_TAX_LINES_2020: readonly NonTaxLine[] = [
  { id: "governmentFund", label: "一、政府性基金收入", parent: null },
  { id: "specialRevenue", label: "二、专项收入", parent: null },
  { id: "administrativeFees", label: "三、行政事业性收费收入", parent: null },
  { id: "finesAndConfiscations", label: "四、罚没收入", parent: null },
  { id: "stateCapitalIncome", label: "五、国有资本经营收入", parent: null },
  { id: "stateResourceUse", label: "六、国有资源（资产）有偿使用收入", parent: null },
  { id: "interest", label: "利息收入", parent: "stateResourceUse" },
  { id: "otherInterest", label: "其他利息收入", parent: "interest" },
  { id: "nonOperatingAssets", label: "非经营性国有资产收入", parent: "stateResourceUse" },
  { id: "administrativeAssetDisposal", label: "行政单位国有资产处置收入", parent: "nonOperatingAssets" },
  { id: "institutionAssetDisposal", label: "事业单位国有资产处置收入", parent: "nonOperatingAssets" },
  { id: "otherNonOperatingAssets", label: "其他非经营性国有资产收入", parent: "nonOperatingAssets" },
  { id: "donations", label: "七、捐赠收入", parent: null },
  { id: "housingFund", label: "八、政府住房基金收入", parent: null },
  { id: "other", label: "九、其他收入", parent: null },
];
