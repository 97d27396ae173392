"""The catalogue of read warnings: what the parser could not read as printed, or had to repair.

Codes are stable (P = parse); the checker's rules use their own codes. docs/record.md lists these.
"""

from __future__ import annotations

READ_WARNINGS: dict[str, str] = {
    "P001": "未找到表格标题（……绩效自评表）；按“项目名称”行划分表格",
    "P002": "表内有一行未能识别，未读入记录",
    "P010": "未读到项目资金表的任何一行",
    "P011": "未读到项目名称",
    "P012": "未找到绩效指标表",
    "P013": "未找到总分行：表格可能在此中断，已保留读到的部分",
    "P014": "未读到年度",
    "P015": "总分行未读到分值和得分两个数字",
    "P020": "项目资金表在文本中错位，已按现有数字和表内算术关系重建",
    "P021": "项目资金表中某格不是数字，按空值处理",
    "P022": "年度资金总额的得分在文本中缺失，已由总分减各指标得分求得（与分值 × 执行率一致）",
    "P030": "指标行未读到分值或得分",
    "P032": "指标行未读到三级指标名称",
    "P033": "指标行的格数不足，未读到年度指标值",
    "P040": "读取不确定（置信度低于 0.6）：切分或对应有多种读法，请核对原件",
    "P060": "交换记录（JSON）中的文字含无效的 Unicode 字符（孤立的代理项）或 NUL 字符，按空值处理",
    "P061": "语料库中存储的值不符合记录格式（如 NaN、无穷大、超出范围的年度），读出时按空值处理",
}
