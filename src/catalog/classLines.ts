/**
 * The 26 functional 类 lines of Table 1 (lines 31–56) and Table 4 (lines
 * 33–58), in printed order. Codes are those of the 2020 government revenue
 * and expenditure classification (《2020年政府收支分类科目》); the reference
 * report prints the names, and the codes of the classes it spends on.
 *
 * @module
 */

/** A functional class line of Tables 1 and 4. */
export interface ClassLine {
  /** The 类 code. */
  readonly code: string;
  /** The ordinal as printed (一 … 二十六). */
  readonly ordinal: string;
  /** The 类 name. */
  readonly name: string;
}

/** The class lines of the 2020 template. */
export const CLASS_LINES_2020: readonly ClassLine[] = [
  { code: "201", ordinal: "一", name: "一般公共服务支出" },
  { code: "202", ordinal: "二", name: "外交支出" },
  { code: "203", ordinal: "三", name: "国防支出" },
  { code: "204", ordinal: "四", name: "公共安全支出" },
  { code: "205", ordinal: "五", name: "教育支出" },
  { code: "206", ordinal: "六", name: "科学技术支出" },
  { code: "207", ordinal: "七", name: "文化旅游体育与传媒支出" },
  { code: "208", ordinal: "八", name: "社会保障和就业支出" },
  { code: "210", ordinal: "九", name: "卫生健康支出" },
  { code: "211", ordinal: "十", name: "节能环保支出" },
  { code: "212", ordinal: "十一", name: "城乡社区支出" },
  { code: "213", ordinal: "十二", name: "农林水支出" },
  { code: "214", ordinal: "十三", name: "交通运输支出" },
  { code: "215", ordinal: "十四", name: "资源勘探工业信息等支出" },
  { code: "216", ordinal: "十五", name: "商业服务业等支出" },
  { code: "217", ordinal: "十六", name: "金融支出" },
  { code: "219", ordinal: "十七", name: "援助其他地区支出" },
  { code: "220", ordinal: "十八", name: "自然资源海洋气象等支出" },
  { code: "221", ordinal: "十九", name: "住房保障支出" },
  { code: "222", ordinal: "二十", name: "粮油物资储备支出" },
  { code: "223", ordinal: "二十一", name: "国有资本经营预算支出" },
  { code: "224", ordinal: "二十二", name: "灾害防治及应急管理支出" },
  { code: "229", ordinal: "二十三", name: "其他支出" },
  { code: "231", ordinal: "二十四", name: "债务还本支出" },
  { code: "232", ordinal: "二十五", name: "债务付息支出" },
  { code: "234", ordinal: "二十六", name: "抗疫特别国债安排的支出" },
];
