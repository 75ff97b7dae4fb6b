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
    "closed_until": {
        "zh_CN": "现在不在办理时间，{when} 起可办理",
        "zh_TW": "現在不在辦理時間，{when} 起可辦理",
        "en": "Not available at this hour; opens {when}",
    },
    "closed": {
        "zh_CN": "此事项暂停办理",
        "zh_TW": "此事項暫停辦理",
        "en": "This service is suspended",
    },
    "needs_central": {
        "zh_CN": "网络暂时中断，此事项需联网办理，请稍后再试",
        "zh_TW": "網路暫時中斷，此事項需連網辦理，請稍後再試",
        "en": "The network is down and this service needs it; please try again later",
    },
    "needs_id_reader": {
        "zh_CN": "身份证读卡器暂不可用，请到人工窗口办理",
        "zh_TW": "身分證讀卡機暫不可用，請到人工窗口辦理",
        "en": "The ID card reader is not working; please use a service window",
    },
    "needs_printer": {
        "zh_CN": "打印机暂不可用（可能缺纸），请到其他自助机办理",
        "zh_TW": "印表機暫不可用（可能缺紙），請到其他自助機辦理",
        "en": "The printer is not available (it may be out of paper); please use another kiosk",
    },
    "a4_not_ready": {
        "zh_CN": "A4打印机暂不可用（可能缺纸或卡纸），请到其他自助机或窗口办理",
        "zh_TW": "A4印表機暫不可用（可能缺紙或卡紙），請到其他自助機或窗口辦理",
        "en": "The A4 printer is not available (it may be out of paper or jammed); "
              "please use another kiosk or a service window",
    },
    "a4_not_fitted": {
        "zh_CN": "本机未配备A4打印机，无法打印盖章证明，请到其他自助机或人工窗口办理",
        "zh_TW": "本機未配備A4印表機，無法列印蓋章證明，請到其他自助機或人工窗口辦理",
        "en": "This kiosk has no A4 printer for sealed certificates; please use another "
              "kiosk or a service window",
    },
    "a4_no_document_ca": {
        "zh_CN": "本机暂不能核验盖章证明，请到其他自助机或人工窗口办理",
        "zh_TW": "本機暫不能核驗蓋章證明，請到其他自助機或人工窗口辦理",
        "en": "This kiosk cannot verify sealed certificates yet; please use another kiosk "
              "or a service window",
    },
    "document_unverified": {
        "zh_CN": "证明文件未通过本机的真伪核验，未予打印。请到人工窗口办理。",
        "zh_TW": "證明文件未通過本機的真偽核驗，未予列印。請到人工窗口辦理。",
        "en": "The certificate failed this kiosk's authenticity check and was not printed. "
              "Please go to a service window.",
    },
    "already_rated": {
        "zh_CN": "本次办事已评价，感谢您的反馈",
        "zh_TW": "本次辦事已評價，感謝您的回饋",
        "en": "You have already rated this visit; thank you",
    },
    "reason_needed": {
        "zh_CN": "{label}：请告诉我们不满意的原因",
        "zh_TW": "{label}：請告訴我們不滿意的原因",
        "en": "{label}: please tell us what went wrong",
    },
    "label_id_number": {"zh_CN": "身份证号码", "zh_TW": "身分證號碼", "en": "ID number"},
    "label_name": {"zh_CN": "姓名", "zh_TW": "姓名", "en": "Name"},
    "no_record": {
        "zh_CN": "没有查到您的相关记录。如有疑问，请到人工窗口咨询。",
        "zh_TW": "沒有查到您的相關記錄。如有疑問，請到人工窗口諮詢。",
        "en": "We found no record for you. If you think this is wrong, "
              "please ask at a service window.",
    },
    "booking_already": {
        "zh_CN": "您今天已有此事项的号，无需重复取号",
        "zh_TW": "您今天已有此事項的號，無需重複取號",
        "en": "You already have a ticket or appointment for this on that day",
    },
    "booking_full": {
        "zh_CN": "此时段已约满，请选择其他时段",
        "zh_TW": "此時段已約滿，請選擇其他時段",
        "en": "This time is fully booked; please choose another",
    },
    "booking_passed": {
        "zh_CN": "此时段已开始或即将开始，请选择其他时段",
        "zh_TW": "此時段已開始或即將開始，請選擇其他時段",
        "en": "This time has begun or begins too soon; please choose another",
    },
    "booking_not_open": {
        "zh_CN": "此时段尚未开放预约",
        "zh_TW": "此時段尚未開放預約",
        "en": "This time cannot be booked yet",
    },
    "booking_outside_hours": {
        "zh_CN": "现在不在取号时间",
        "zh_TW": "現在不在取號時間",
        "en": "Tickets are not issued at this hour",
    },
    "booking_refused": {
        "zh_CN": "预约未成功，请选择其他时段或到人工窗口咨询",
        "zh_TW": "預約未成功，請選擇其他時段或到人工窗口諮詢",
        "en": "The booking did not go through; choose another time or ask at a service window",
    },
    "reference_alone": {
        "zh_CN": "仅凭回执编号无法查询办件。请扫描回执上的二维码，或刷身份证查询本人全部办件",
        "zh_TW": "僅憑回執編號無法查詢辦件。請掃描回執上的二維碼，或刷身分證查詢本人全部辦件",
        "en": "A receipt's reference alone does not show a case. Scan the QR code on your "
              "receipt, or use your ID card to see all your applications",
    },
    "central_refused": {
        "zh_CN": "中心未能受理您填写的信息，请到人工窗口咨询",
        "zh_TW": "中心未能受理您填寫的資訊，請到人工窗口諮詢",
        "en": "The central office could not accept these details; please ask at a service window",
    },
    "kiosk_not_authorized": {
        "zh_CN": "本机暂停联网服务，请到其他自助机或人工窗口办理",
        "zh_TW": "本機暫停連網服務，請到其他自助機或人工窗口辦理",
        "en": "This kiosk's online services are suspended; please use another kiosk "
              "or a service window",
    },
    "central_busy": {
        "zh_CN": "系统繁忙，请稍后重试",
        "zh_TW": "系統繁忙，請稍後重試",
        "en": "The system is busy; please try again shortly",
    },
    "central_unreachable": {
        "zh_CN": "网络连接失败，请重试",
        "zh_TW": "網路連線失敗，請重試",
        "en": "Could not reach the central office; please try again",
    },
    "central_answer_bad": {
        "zh_CN": "查询结果无法显示，请到人工窗口咨询",
        "zh_TW": "查詢結果無法顯示，請到人工窗口諮詢",
        "en": "The answer could not be shown; please ask at a service window",
    },
    "category_all": {"zh_CN": "全部", "zh_TW": "全部", "en": "All"},
    "category_social_insurance": {"zh_CN": "社会保险", "zh_TW": "社會保險",
                                  "en": "Social insurance"},
    "category_medical_insurance": {"zh_CN": "医疗保障", "zh_TW": "醫療保障",
                                   "en": "Medical insurance"},
    "category_housing_fund": {"zh_CN": "住房公积金", "zh_TW": "住房公積金", "en": "Housing fund"},
    "category_household": {"zh_CN": "户籍居住", "zh_TW": "戶籍居住", "en": "Residence"},
    "category_traffic": {"zh_CN": "交通违法", "zh_TW": "交通違法", "en": "Traffic"},
    "category_elderly": {"zh_CN": "养老服务", "zh_TW": "養老服務", "en": "Senior citizens"},
    "category_business": {"zh_CN": "企业服务", "zh_TW": "企業服務", "en": "Business"},
    "category_hall": {"zh_CN": "大厅服务", "zh_TW": "大廳服務", "en": "Service hall"},
    "category_evaluation": {"zh_CN": "好差评", "zh_TW": "好差評", "en": "Ratings"},
    "category_complaint": {"zh_CN": "投诉建议", "zh_TW": "投訴建議", "en": "Complaints"},
    "out_of_service": {
        "zh_CN": "本机暂停服务，请到其他自助机或人工窗口办理。给您带来不便，敬请谅解。",
        "zh_TW": "本機暫停服務，請到其他自助機或人工窗口辦理。造成不便，敬請見諒。",
        "en": "This kiosk is out of service. Please use another kiosk or a service window. "
              "We are sorry for the inconvenience.",
    },
    "back_at_today": {
        "zh_CN": "预计今天 {time} 恢复服务。",
        "zh_TW": "預計今天 {time} 恢復服務。",
        "en": "Expected back in service today at {time}.",
    },
    "back_at_day": {
        "zh_CN": "预计 {month}月{day}日 {time} 恢复服务。",
        "zh_TW": "預計 {month}月{day}日 {time} 恢復服務。",
        "en": "Expected back in service on {day} {month_name} at {time}.",
    },
    "not_provisioned": {
        "zh_CN": "维护信息：本机尚未注册，{path} 中没有设备凭据。请运行 kiosk provision。",
        "zh_TW": "維護資訊：本機尚未註冊，{path} 中沒有裝置憑證。請執行 kiosk provision。",
        "en": "For the technician: this kiosk is not provisioned, there are no device "
              "credentials in {path}. Run kiosk provision.",
    },
    "spool_key_missing": {
        "zh_CN": "维护信息：离线队列的密钥 {path} 不见了，本机保存的申请无法读取。"
                 "请从备份恢复该文件，然后重启本机服务（systemctl restart kiosk）。",
        "zh_TW": "維護資訊：離線佇列的金鑰 {path} 不見了，本機保存的申請無法讀取。"
                 "請從備份還原該檔案，然後重新啟動本機服務（systemctl restart kiosk）。",
        "en": "For the technician: the spool's key {path} is missing, so the submissions "
              "this kiosk holds cannot be read. Restore it from its backup, then restart "
              "the kiosk (systemctl restart kiosk).",
    },
    "settings_unreadable": {
        "zh_CN": "维护信息：无法读取设置文件 {path}（{why}）。",
        "zh_TW": "維護資訊：無法讀取設定檔 {path}（{why}）。",
        "en": "For the technician: the settings file {path} cannot be read ({why}).",
    },
    "say_attract": {
        "zh_CN": "请将身份证放在读卡区，或点击开始办理",
        "zh_TW": "請將身分證放在讀卡區，或點選開始辦理",
        "en": "Place your ID card on the reader, or tap Start",
    },
    "say_identify": {
        "zh_CN": "请将身份证放在读卡区",
        "zh_TW": "請將身分證放在讀卡區",
        "en": "Place your ID card on the reader",
    },
    "say_verify": {
        "zh_CN": "请输入手机收到的 6 位验证码",
        "zh_TW": "請輸入手機收到的 6 位驗證碼",
        "en": "Enter the 6-digit code sent to your phone",
    },
    "verify_code_short": {
        "zh_CN": "验证码为 6 位数字，请输入完整",
        "zh_TW": "驗證碼為 6 位數字，請輸入完整",
        "en": "The code has 6 digits; please enter all of them",
    },
    "verify_code_wrong": {
        "zh_CN": "验证码不正确或已过期，请重新输入或重新发送",
        "zh_TW": "驗證碼不正確或已過期，請重新輸入或重新發送",
        "en": "The code is wrong or has expired; enter it again or ask for a new one",
    },
    "verify_no_phone": {
        "zh_CN": "系统中没有您的手机号码，无法发送验证码。请使用身份证办理，或到人工窗口咨询。",
        "zh_TW": "系統中沒有您的手機號碼，無法發送驗證碼。請使用身分證辦理，或到人工窗口諮詢。",
        "en": "We hold no phone number for you, so no code can be sent. "
              "Please use your ID card, or ask at a service window.",
    },
    "verify_too_many": {
        "zh_CN": "验证码发送过于频繁，请稍后再试，或使用身份证办理。",
        "zh_TW": "驗證碼發送過於頻繁，請稍後再試，或使用身分證辦理。",
        "en": "Too many codes were sent just now. Please try again later, "
              "or use your ID card.",
    },
    "say_choose": {
        "zh_CN": "请选择您要办理的事项",
        "zh_TW": "請選擇您要辦理的事項",
        "en": "Choose the service you need",
    },
    "say_form": {
        "zh_CN": "请填写以下内容，填好后点击下一步",
        "zh_TW": "請填寫以下內容，填好後點選下一步",
        "en": "Fill in the form, then tap Next",
    },
    "say_review": {
        "zh_CN": "请核对您填写的内容，无误后点击确认提交",
        "zh_TW": "請核對您填寫的內容，無誤後點選確認送出",
        "en": "Check what you entered, then tap Confirm",
    },
    "say_working": {
        "zh_CN": "正在查询，请稍候",
        "zh_TW": "正在查詢，請稍候",
        "en": "Please wait",
    },
    "say_slots": {
        "zh_CN": "请选择取号或预约时段",
        "zh_TW": "請選擇取號或預約時段",
        "en": "Take a ticket, or choose a time",
    },
    "say_result": {
        "zh_CN": "办理完成，请取走打印的凭条",
        "zh_TW": "辦理完成，請取走列印的憑條",
        "en": "Done. Please take your printed slip",
    },
    "tech_wrong_pin": {
        "zh_CN": "密码错误，{when} 后可再试",
        "zh_TW": "密碼錯誤，{when} 後可再試",
        "en": "Wrong PIN; try again after {when}",
    },
    "tech_locked": {
        "zh_CN": "尝试次数过多，{when} 后可再试",
        "zh_TW": "嘗試次數過多，{when} 後可再試",
        "en": "Too many attempts; try again after {when}",
    },
    "say_pay": {
        "zh_CN": "请用手机扫描二维码缴费", "zh_TW": "請用手機掃描 QR 碼繳費",
        "en": "Scan the code with your phone to pay",
    },
    "fee_needs_central": {
        "zh_CN": "此事项需缴费，网络恢复后才能办理",
        "zh_TW": "此事項需繳費，網路恢復後才能辦理",
        "en": "This service takes a fee, which can be paid only when the network is back",
    },
    "pay_reference_label": {
        "zh_CN": "请输入或扫描缴款单（处罚决定书）编号",
        "zh_TW": "請輸入或掃描繳款單（處罰決定書）編號",
        "en": "Type or scan the number on your bill (penalty notice)",
    },
    "pay_reference_bad": {
        "zh_CN": "编号应为6至32位字母、数字或连字符，请核对",
        "zh_TW": "編號應為6至32位字母、數字或連字號，請核對",
        "en": "The number is 6 to 32 letters, digits or dashes; please check it",
    },
    "pay_go": {"zh_CN": "去缴费", "zh_TW": "去繳費", "en": "Go to payment"},
    "pay_cancel": {"zh_CN": "取消缴费", "zh_TW": "取消繳費", "en": "Cancel payment"},
    "pay_amount": {"zh_CN": "应缴金额：￥{yuan}", "zh_TW": "應繳金額：￥{yuan}",
                   "en": "Amount due: CNY {yuan}"},
    "pay_opening": {"zh_CN": "正在生成缴费码，请稍候", "zh_TW": "正在產生繳費碼，請稍候",
                    "en": "Preparing the payment code; please wait"},
    "pay_cancelling": {"zh_CN": "正在取消缴费，请稍候", "zh_TW": "正在取消繳費，請稍候",
                       "en": "Cancelling the payment; please wait"},
    "pay_paid": {"zh_CN": "已缴费，正在提交", "zh_TW": "已繳費，正在提交",
                 "en": "Paid; submitting your application"},
    "pay_expires": {"zh_CN": "请在 {when} 前完成支付", "zh_TW": "請在 {when} 前完成支付",
                    "en": "Please pay before {when}"},
    "pay_asking_again": {
        "zh_CN": "暂时无法确认缴费结果，正在重试；如已支付，请勿重复支付",
        "zh_TW": "暫時無法確認繳費結果，正在重試；如已支付，請勿重複支付",
        "en": "The payment cannot be checked just now and is being checked again; "
              "if you have paid, do not pay again",
    },
    "pay_refused": {
        "zh_CN": "缴费中心不受理此笔缴费，未扣款，请到人工窗口办理",
        "zh_TW": "繳費中心不受理此筆繳費，未扣款，請到人工窗口辦理",
        "en": "The payment was refused and nothing was charged; please go to a counter",
    },
    "pay_expired": {
        "zh_CN": "缴费码已过期，未扣款，请重新办理",
        "zh_TW": "繳費碼已過期，未扣款，請重新辦理",
        "en": "The payment code has expired and nothing was charged; please start again",
    },
    "pay_cancelled": {
        "zh_CN": "缴费已取消，未扣款", "zh_TW": "繳費已取消，未扣款",
        "en": "The payment was cancelled and nothing was charged",
    },
    "pay_failed": {
        "zh_CN": "支付未成功，未扣款，请重新办理",
        "zh_TW": "支付未成功，未扣款，請重新辦理",
        "en": "The payment did not go through and nothing was charged; please start again",
    },
    "pay_spool_failed": {
        "zh_CN": "您已缴费，但本机未能保存申请。请勿重复缴费，请联系工作人员，凭手机支付记录处理",
        "zh_TW": "您已繳費，但本機未能保存申請。請勿重複繳費，請聯繫工作人員，憑手機支付記錄處理",
        "en": "You have paid, but this kiosk could not store your application. Do not pay "
              "again; please ask the staff, showing the payment on your phone",
    },
    "pay_undelivered": {
        "zh_CN": "您已缴费 ￥{yuan}（财政电子票据号 {receipt}），缴费已记录，请勿重复缴费。"
                 "如未能取得文书，请保留票据号，拨打 {hotline} 或到人工窗口办理",
        "zh_TW": "您已繳費 ￥{yuan}（財政電子票據號 {receipt}），繳費已記錄，請勿重複繳費。"
                 "如未能取得文書，請保留票據號，撥打 {hotline} 或到人工窗口辦理",
        "en": "You have paid CNY {yuan} (fiscal receipt {receipt}) and the payment is "
              "recorded; do not pay again. If you cannot get your document, keep the receipt "
              "number and call {hotline} or go to a counter",
    },
    "say_tech_pin": {"zh_CN": "请输入维护密码", "zh_TW": "請輸入維護密碼",
                     "en": "Enter the technician PIN"},
    "say_technician": {"zh_CN": "维护模式", "zh_TW": "維護模式", "en": "Technician mode"},
    "status_received": {"zh_CN": "已收件", "zh_TW": "已收件", "en": "Received"},
    "status_accepted": {"zh_CN": "已受理", "zh_TW": "已受理", "en": "Accepted"},
    "status_in_review": {"zh_CN": "审核中", "zh_TW": "審核中", "en": "In review"},
    "status_approved": {"zh_CN": "已批准", "zh_TW": "已核准", "en": "Approved"},
    "status_rejected": {"zh_CN": "未通过", "zh_TW": "未通過", "en": "Not approved"},
    "status_completed": {"zh_CN": "已办结", "zh_TW": "已辦結", "en": "Completed"},
    "status_withdrawn": {"zh_CN": "已撤回", "zh_TW": "已撤回", "en": "Withdrawn"},
    "status_not_delivered": {
        "zh_CN": "已在本机受理，尚未上传中心",
        "zh_TW": "已在本機受理，尚未上傳中心",
        "en": "Taken at this kiosk, not yet sent to the central office",
    },
    "prefill_unconfirmed": {
        "zh_CN": "{label}：这是平台登记的信息，请点“确认”或“修改”",
        "zh_TW": "{label}：這是平台登記的資料，請點「確認」或「修改」",
        "en": "{label}: this is what the platform holds; tap Confirm or Change",
    },
    "prefill_from_platform": {
        "zh_CN": "来自政务服务平台登记信息",
        "zh_TW": "來自政務服務平台登記資料",
        "en": "From the platform's records",
    },
    "prefill_confirm": {"zh_CN": "确认", "zh_TW": "確認", "en": "Confirm"},
    "prefill_change": {"zh_CN": "修改", "zh_TW": "修改", "en": "Change"},
    "prefill_confirmed": {
        "zh_CN": "已确认（来自平台登记信息）",
        "zh_TW": "已確認（來自平台登記資料）",
        "en": "Confirmed (from the platform's records)",
    },
    "card_reading": {
        "zh_CN": "正在读取身份证，请稍候，不要移开证件",
        "zh_TW": "正在讀取身分證，請稍候，不要移開證件",
        "en": "Reading your ID card; please wait and keep it on the reader",
    },
    "card_place_again": {
        "zh_CN": "未能读取身份证，请拿起证件，再重新放到读卡区",
        "zh_TW": "未能讀取身分證，請拿起證件，再重新放到讀卡區",
        "en": "Your ID card could not be read; please lift it and place it on the reader again",
    },
}


def category_name(key: str, locale: str) -> str:
    """A category's name; a category the kiosk has no words for shows its key."""
    code = f"category_{key}"
    return say(code, locale) if code in MESSAGES else key.replace("_", " ")


def say(code: str, locale: str, **params: object) -> str:
    """The message for `code` in `locale` (zh_CN when that language lacks it)."""
    texts = MESSAGES[code]
    return texts.get(locale, texts["zh_CN"]).format(**params)
