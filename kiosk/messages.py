"""What the core says to a citizen, in the three languages a visit can use.

The core decides what went wrong (a field's fix, why an item is closed); the
UI only shows it. Keeping the wording next to the decision means the headless
tests see the exact sentence a citizen will read, in every language.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "zh_CN": "{label}：请填写此项",
        "zh_TW": "{label}：請填寫此項",
        "en": "{label}: please fill this in",
    },
    "too_short": {
        "zh_CN": "{label}：至少需要 {n} 个字",
        "zh_TW": "{label}：至少需要 {n} 個字",
        "en": "{label}: needs at least {n} characters",
    },
    "too_long": {
        "zh_CN": "{label}：最多 {n} 个字，请删减",
        "zh_TW": "{label}：最多 {n} 個字，請刪減",
        "en": "{label}: at most {n} characters; please shorten it",
    },
    "not_integer": {
        "zh_CN": "{label}：请输入整数",
        "zh_TW": "{label}：請輸入整數",
        "en": "{label}: please enter a whole number",
    },
    "too_small": {
        "zh_CN": "{label}：不能小于 {n}",
        "zh_TW": "{label}：不能小於 {n}",
        "en": "{label}: must be {n} or more",
    },
    "too_large": {
        "zh_CN": "{label}：不能大于 {n}",
        "zh_TW": "{label}：不能大於 {n}",
        "en": "{label}: must be {n} or less",
    },
    "not_date": {
        "zh_CN": "{label}：请按 年-月-日 填写真实日期，如 2026-11-23",
        "zh_TW": "{label}：請按 年-月-日 填寫真實日期，如 2026-11-23",
        "en": "{label}: enter a real date as year-month-day, e.g. 2026-11-23",
    },
    "not_option": {
        "zh_CN": "{label}：请从列表中选择一项",
        "zh_TW": "{label}：請從列表中選擇一項",
        "en": "{label}: please choose one of the options",
    },
    "consent_needed": {
        "zh_CN": "{label}：需要您同意后才能继续",
        "zh_TW": "{label}：需要您同意後才能繼續",
        "en": "{label}: your consent is needed to go on",
    },
    "phone_cn": {
        "zh_CN": "{label}：请输入 11 位手机号码（1 开头），或带区号的固定电话",
        "zh_TW": "{label}：請輸入 11 位手機號碼（1 開頭），或帶區號的固定電話",
        "en": "{label}: enter an 11-digit mobile number starting with 1, "
              "or a landline with its area code",
    },
    "id_number": {
        "zh_CN": "{label}：身份证号码有误，请核对 18 位号码（最后一位可为 X）",
        "zh_TW": "{label}：身分證號碼有誤，請核對 18 位號碼（最後一位可為 X）",
        "en": "{label}: this ID number is not valid; check all 18 characters "
              "(the last may be X)",
    },
    "uscc": {
        "zh_CN": "{label}：请输入 18 位统一社会信用代码",
        "zh_TW": "{label}：請輸入 18 位統一社會信用代碼",
        "en": "{label}: enter the 18-character unified social credit code",
    },
    "uscc_check_warning": {
        "zh_CN": "{label}：校验位不符，请核对；如确认无误可继续",
        "zh_TW": "{label}：校驗位不符，請核對；如確認無誤可繼續",
        "en": "{label}: the check character does not match; check it, "
              "or go on if you are sure",
    },
    "postal_code": {
        "zh_CN": "{label}：邮政编码为 6 位数字",
        "zh_TW": "{label}：郵遞區號為 6 位數字",
        "en": "{label}: a postal code has 6 digits",
    },
    "email": {
        "zh_CN": "{label}：请输入有效的电子邮箱，如 name@example.com",
        "zh_TW": "{label}：請輸入有效的電子郵箱，如 name@example.com",
        "en": "{label}: enter a valid e-mail address, e.g. name@example.com",
    },
    "gate_disk_low": {
        "zh_CN": "本机存储空间不足，暂不能受理新的申请。请到其他自助机或人工窗口办理。",
        "zh_TW": "本機儲存空間不足，暫不能受理新的申請。請到其他自助機或人工窗口辦理。",
        "en": "This kiosk is short of storage and cannot take new applications now. "
              "Please use another kiosk or a service window.",
    },
    "gate_backlog_full": {
        "zh_CN": "本机待上传的申请过多，暂不能受理新的申请。请到其他自助机或人工窗口办理。",
        "zh_TW": "本機待上傳的申請過多，暫不能受理新的申請。請到其他自助機或人工窗口辦理。",
        "en": "This kiosk holds too many applications waiting to be sent and cannot take "
              "new ones now. Please use another kiosk or a service window.",
    },
    "gate_offline_too_long": {
        "zh_CN": "本机与中心长时间失去连接，暂不能受理新的申请。请到其他自助机或人工窗口办理。",
        "zh_TW": "本機與中心長時間失去連線，暫不能受理新的申請。請到其他自助機或人工窗口辦理。",
        "en": "This kiosk has been offline too long to take new applications. "
              "Please use another kiosk or a service window.",
    },
    "spool_write_failed": {
        "zh_CN": "保存失败，您的申请未被受理，请重试或到人工窗口办理。",
        "zh_TW": "儲存失敗，您的申請未被受理，請重試或到人工窗口辦理。",
        "en": "Saving failed, so your application was not taken. Please try again "
              "or use a service window.",
    },
    "kind_not_offered": {
        "zh_CN": "本机暂不提供此类事项，请到人工窗口办理",
        "zh_TW": "本機暫不提供此類事項，請到人工窗口辦理",
        "en": "This kiosk does not offer this kind of service yet; "
              "please use a service window",
    },
    "needs_id_card": {
        "zh_CN": "此事项需要刷身份证办理",
        "zh_TW": "此事項需要刷身分證辦理",
        "en": "This service needs your ID card",
    },
}


def say(code: str, locale: str, **params: object) -> str:
    """The message for `code` in `locale` (zh_CN when that language lacks it)."""
    texts = MESSAGES[code]
    return texts.get(locale, texts["zh_CN"]).format(**params)
