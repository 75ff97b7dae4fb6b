<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AttractPage</name>
    <message>
        <source>For help, call the service hotline %1</source>
        <translation>如需協助，請撥打服務熱線 %1</translation>
    </message>
    <message>
        <source>Scan to use the online service hall on your phone</source>
        <translation>掃碼用手機辦理網上辦事大廳業務</translation>
    </message>
    <message>
        <source>Place your ID card on the reader</source>
        <translation>請將身分證放在讀卡機上</translation>
    </message>
    <message>
        <source>or tap Start to choose a service</source>
        <translation>或點選「開始辦理」，選擇要辦理的事項</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始辦理</translation>
    </message>
    <message>
        <source>Standard mode</source>
        <translation>標準模式</translation>
    </message>
    <message>
        <source>Large text mode</source>
        <translation>大字模式</translation>
    </message>
</context>
<context>
    <name>CaseCard</name>
    <message>
        <source>Case number: %1</source>
        <translation>案件編號：%1</translation>
    </message>
    <message>
        <source>Receipt reference: %1</source>
        <translation>回執受理編號：%1</translation>
    </message>
    <message>
        <source>Rate this case</source>
        <translation>評價此案件</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>Hello, %1</source>
        <translation>%1，您好</translation>
    </message>
    <message>
        <source>Choose a service</source>
        <translation>請選擇辦理事項</translation>
    </message>
    <message>
        <source>No service matches. Clear the search to see them all.</source>
        <translation>沒有找到符合的事項。清除搜尋內容即可查看全部事項。</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>離開</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>依事項名稱搜尋</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <source>Ask for help</source>
        <translation>呼叫工作人員</translation>
    </message>
    <message>
        <source>Read aloud again</source>
        <translation>再讀一遍</translation>
    </message>
    <message>
        <source>Service hotline: %1</source>
        <translation>服務熱線：%1</translation>
    </message>
    <message>
        <source>Asking for a member of staff…</source>
        <translation>正在呼叫工作人員…</translation>
    </message>
    <message numerus="yes">
        <source>A member of staff is on the way (about %n minute(s)). Or call %1.</source>
        <translation>
            <numerusform>工作人員正在趕來（約 %n 分鐘），也可撥打 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>No staff can be asked from here now. Please call the hotline %1.</source>
        <translation>暫時無法從本機呼叫工作人員，請撥打服務熱線 %1。</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>It is correct, go on</source>
        <translation>確認無誤，繼續</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
</context>
<context>
    <name>IdentifyPage</name>
    <message>
        <source>Place your ID card on the reader</source>
        <translation>請將身分證放在讀卡機上</translation>
    </message>
    <message>
        <source>No card with you? Type your ID number and name</source>
        <translation>沒帶身分證？請輸入身分證號碼和姓名</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身分證號碼</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>繼續</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>No activity: this visit ends in %n second(s). Touch the screen to continue.</source>
        <translation>
            <numerusform>長時間未操作，本次辦理將在 %n 秒後結束。觸碰螢幕即可繼續。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <source>Sorry</source>
        <translation>很抱歉</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>結束辦理</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Print again</source>
        <translation>重新列印</translation>
    </message>
    <message>
        <source>Rate our service</source>
        <translation>評價本次服務</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Thank you for your rating</source>
        <translation>感謝您的評價</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申請已送出</translation>
    </message>
    <message>
        <source>Your reference number</source>
        <translation>您的申請編號</translation>
    </message>
    <message>
        <source>Scan the QR code on your receipt at any kiosk to check progress.</source>
        <translation>在任一自助機掃描回執上的二維碼，即可查詢辦理進度。</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文件編號</translation>
    </message>
    <message>
        <source>Fee paid</source>
        <translation>已繳費用</translation>
    </message>
    <message>
        <source>CNY %1</source>
        <translation>￥%1</translation>
    </message>
    <message>
        <source>Fiscal receipt number</source>
        <translation>財政電子票據號</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的號碼</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>辦理窗口：%1</translation>
    </message>
    <message>
        <source>Your time: %1</source>
        <translation>預約時間：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>前面還有 %n 人等候</numerusform>
        </translation>
    </message>
    <message>
        <source>Your cases</source>
        <translation>您的辦理進度</translation>
    </message>
    <message>
        <source>The service centre cannot be reached; only what this kiosk holds is shown.</source>
        <translation>暫時無法連線服務中心，以下僅顯示本機儲存的記錄。</translation>
    </message>
    <message>
        <source>No cases found.</source>
        <translation>沒有查到案件記錄。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>列印中…</translation>
    </message>
    <message>
        <source>Please take your paper from the printer.</source>
        <translation>請從出紙口取走列印文件。</translation>
    </message>
    <message>
        <source>It could not be printed. Staff can reprint it; please note the number above.</source>
        <translation>無法列印。工作人員可為您補印，請記下上方的編號。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check and confirm</source>
        <translation>請核對並確認</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Not agreed</source>
        <translation>未同意</translation>
    </message>
    <message>
        <source>Confirm and submit</source>
        <translation>確認送出</translation>
    </message>
</context>
<context>
    <name>SlotsPage</name>
    <message>
        <source>Take a queue ticket for today</source>
        <translation>領取今日號碼牌</translation>
    </message>
    <message>
        <source>Or book a time:</source>
        <translation>或預約時段：</translation>
    </message>
    <message>
        <source>Looking up free times…</source>
        <translation>正在查詢可預約時段…</translation>
    </message>
    <message>
        <source>No free times on this day.</source>
        <translation>當天沒有可預約的時段。</translation>
    </message>
    <message numerus="yes">
        <source>%n places left</source>
        <translation>
            <numerusform>剩餘 %n 個名額</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechPinPage</name>
    <message>
        <source>Technician PIN</source>
        <translation>維護密碼</translation>
    </message>
    <message>
        <source>First hold your badge to the badge reader, then enter the PIN</source>
        <translation>請先將工作卡靠近工作卡讀卡機，再輸入維護密碼</translation>
    </message>
    <message>
        <source>This badge is not enrolled on this kiosk</source>
        <translation>此工作卡未在本機登記</translation>
    </message>
    <message>
        <source>Badge accepted: enter the PIN</source>
        <translation>工作卡已確認，請輸入維護密碼</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <source>Technician mode</source>
        <translation>維護模式</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出維護</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>列印測試頁</translation>
    </message>
    <message>
        <source>Print an A4 test page</source>
        <translation>列印A4測試頁</translation>
    </message>
    <message>
        <source>Test the ID-card reader</source>
        <translation>測試身分證讀卡機</translation>
    </message>
    <message>
        <source>Test the scanner</source>
        <translation>測試掃碼器</translation>
    </message>
    <message>
        <source>Retry dead entries</source>
        <translation>重送失敗件</translation>
    </message>
    <message>
        <source>Refresh the catalog</source>
        <translation>重新整理事項目錄</translation>
    </message>
    <message>
        <source>Export dead entries</source>
        <translation>匯出失敗件</translation>
    </message>
    <message>
        <source>Export everything undelivered</source>
        <translation>匯出全部未上傳件</translation>
    </message>
    <message>
        <source>Restart the kiosk app</source>
        <translation>重新啟動自助機程式</translation>
    </message>
    <message>
        <source>Refunded at the counter</source>
        <translation>已在窗口退款</translation>
    </message>
    <message>
        <source>Given at the counter</source>
        <translation>已在窗口交付</translation>
    </message>
    <message>
        <source>Paid, not delivered</source>
        <translation>已繳費未交付</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>設備</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>中心平台</translation>
    </message>
    <message>
        <source>ID-card reader</source>
        <translation>身分證讀卡機</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>印表機</translation>
    </message>
    <message>
        <source>A4 printer</source>
        <translation>A4印表機</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>繳費</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>掃碼器</translation>
    </message>
    <message>
        <source>Badge reader</source>
        <translation>工作證讀卡機</translation>
    </message>
    <message>
        <source>Spool</source>
        <translation>待上傳佇列</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>事項目錄</translation>
    </message>
    <message>
        <source>Upkeep</source>
        <translation>夜間維護</translation>
    </message>
    <message>
        <source>Recent commands</source>
        <translation>最近指令</translation>
    </message>
    <message>
        <source>Recent events</source>
        <translation>最近事件</translation>
    </message>
    <message>
        <source>Card test</source>
        <translation>讀卡測試</translation>
    </message>
    <message>
        <source>Scan test</source>
        <translation>掃碼測試</translation>
    </message>
    <message>
        <source>Deliver the spool now</source>
        <translation>立即上傳</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Enter the code sent to your phone</source>
        <translation>請輸入手機收到的驗證碼</translation>
    </message>
    <message>
        <source>A 6-digit code was sent to %1</source>
        <translation>6 位驗證碼已發送至 %1</translation>
    </message>
    <message>
        <source>Use my ID card instead</source>
        <translation>改用身分證</translation>
    </message>
    <message numerus="yes">
        <source>New code in %n s</source>
        <translation>
            <numerusform>%n 秒後可重新發送</numerusform>
        </translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>重新發送驗證碼</translation>
    </message>
</context>
<context>
    <name>WorkingPage</name>
    <message>
        <source>Please wait, asking the service centre…</source>
        <translation>正在向服務中心查詢，請稍候…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
