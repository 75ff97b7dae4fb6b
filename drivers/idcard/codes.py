"""The code tables a card's text block refers to, as data.

A card stores sex (GB/T 2261.1) and nation (GB 3304) as digit codes; the
screens, the receipt and the forms need the names in three languages. One
table, looked up by code, keeps every part of the kiosk naming them alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from drivers.idcard.errors import TextBlockError


@dataclass(frozen=True)
class CodedName:
    """One row of a code table: the code and its names per UI language."""

    code: str
    zh_CN: str
    zh_TW: str
    en: str

    def name(self, language: str) -> str:
        """The name in `language` ("zh_CN", "zh_TW" or "en"); English for any other."""
        return {"zh_CN": self.zh_CN, "zh_TW": self.zh_TW}.get(language, self.en)


def _table(rows: tuple[tuple[str, str, str, str], ...]) -> Mapping[str, CodedName]:
    return MappingProxyType({row[0]: CodedName(*row) for row in rows})


SEXES: Mapping[str, CodedName] = _table(
    (
        ("0", "未知的性别", "未知的性別", "Unknown"),
        ("1", "男", "男", "Male"),
        ("2", "女", "女", "Female"),
        ("9", "未说明的性别", "未說明的性別", "Unstated"),
    )
)

NATIONS: Mapping[str, CodedName] = _table(
    (
        ("01", "汉", "漢", "Han"),
        ("02", "蒙古", "蒙古", "Mongol"),
        ("03", "回", "回", "Hui"),
        ("04", "藏", "藏", "Tibetan"),
        ("05", "维吾尔", "維吾爾", "Uyghur"),
        ("06", "苗", "苗", "Miao"),
        ("07", "彝", "彝", "Yi"),
        ("08", "壮", "壯", "Zhuang"),
        ("09", "布依", "布依", "Bouyei"),
        ("10", "朝鲜", "朝鮮", "Korean"),
        ("11", "满", "滿", "Manchu"),
        ("12", "侗", "侗", "Dong"),
        ("13", "瑶", "瑤", "Yao"),
        ("14", "白", "白", "Bai"),
        ("15", "土家", "土家", "Tujia"),
        ("16", "哈尼", "哈尼", "Hani"),
        ("17", "哈萨克", "哈薩克", "Kazakh"),
        ("18", "傣", "傣", "Dai"),
        ("19", "黎", "黎", "Li"),
        ("20", "傈僳", "傈僳", "Lisu"),
        ("21", "佤", "佤", "Va"),
        ("22", "畲", "畲", "She"),
        ("23", "高山", "高山", "Gaoshan"),
        ("24", "拉祜", "拉祜", "Lahu"),
        ("25", "水", "水", "Sui"),
        ("26", "东乡", "東鄉", "Dongxiang"),
        ("27", "纳西", "納西", "Naxi"),
        ("28", "景颇", "景頗", "Jingpo"),
        ("29", "柯尔克孜", "柯爾克孜", "Kyrgyz"),
        ("30", "土", "土", "Tu"),
        ("31", "达斡尔", "達斡爾", "Daur"),
        ("32", "仫佬", "仫佬", "Mulao"),
        ("33", "羌", "羌", "Qiang"),
        ("34", "布朗", "布朗", "Blang"),
        ("35", "撒拉", "撒拉", "Salar"),
        ("36", "毛南", "毛南", "Maonan"),
        ("37", "仡佬", "仡佬", "Gelao"),
        ("38", "锡伯", "錫伯", "Xibe"),
        ("39", "阿昌", "阿昌", "Achang"),
        ("40", "普米", "普米", "Pumi"),
        ("41", "塔吉克", "塔吉克", "Tajik"),
        ("42", "怒", "怒", "Nu"),
        ("43", "乌孜别克", "烏孜別克", "Uzbek"),
        ("44", "俄罗斯", "俄羅斯", "Russian"),
        ("45", "鄂温克", "鄂溫克", "Evenki"),
        ("46", "德昂", "德昂", "De'ang"),
        ("47", "保安", "保安", "Bonan"),
        ("48", "裕固", "裕固", "Yugur"),
        ("49", "京", "京", "Gin"),
        ("50", "塔塔尔", "塔塔爾", "Tatar"),
        ("51", "独龙", "獨龍", "Derung"),
        ("52", "鄂伦春", "鄂倫春", "Oroqen"),
        ("53", "赫哲", "赫哲", "Hezhen"),
        ("54", "门巴", "門巴", "Monpa"),
        ("55", "珞巴", "珞巴", "Lhoba"),
        ("56", "基诺", "基諾", "Jino"),
        ("97", "其他", "其他", "Other"),
        ("98", "外国血统中国籍人士", "外國血統中國籍人士", "Chinese citizen of foreign origin"),
    )
)


def sex(code: str) -> CodedName:
    """The GB/T 2261.1 row for `code`; TextBlockError for a code the table lacks."""
    return _lookup(SEXES, code, "sex")


def nation(code: str) -> CodedName:
    """The GB 3304 row for `code`; TextBlockError for a code the table lacks."""
    return _lookup(NATIONS, code, "nation")


def _lookup(table: Mapping[str, CodedName], code: str, what: str) -> CodedName:
    try:
        return table[code]
    except KeyError:
        raise TextBlockError(f"unknown {what} code {code!r}") from None
