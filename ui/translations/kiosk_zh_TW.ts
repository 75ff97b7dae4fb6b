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
        <translation>文書編號</translation>
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
        <source>Put back in service</source>
        <translation>恢復服務</translation>
    </message>
    <message>
        <source>Take out of service…</source>
        <translation>暫停服務…</translation>
    </message>
    <message>
        <source>In 30 minutes</source>
        <translation>30 分鐘後</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>1 小時後</translation>
    </message>
    <message>
        <source>In 2 hours</source>
        <translation>2 小時後</translation>
    </message>
    <message>
        <source>When the hall opens, %1</source>
        <translation>大廳開門時 %1</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>暫不確定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Out of service now. When is the kiosk expected back?</source>
        <translation>立即暫停服務。預計何時恢復？</translation>
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
        <source>Service</source>
        <translation>服務狀態</translation>
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
    <name>TechnicianWords</name>
    <message>
        <source>%1 (%2), software %3</source>
        <translation>%1（%2），軟體版本 %3</translation>
    </message>
    <message>
        <source>%1: reachable</source>
        <translation>%1：可連線</translation>
    </message>
    <message>
        <source>%1: UNREACHABLE</source>
        <translation>%1：無法連線</translation>
    </message>
    <message>
        <source>working</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>working, with a problem</source>
        <translation>可用，但有問題</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未連接</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>none fitted</source>
        <translation>未安裝</translation>
    </message>
    <message>
        <source>%1 pending, %2 in flight, %3 delivered, %4 dead; gate %5</source>
        <translation>待傳送 %1，傳送中 %2，已送達 %3，被拒收 %4；受理閘門%5</translation>
    </message>
    <message>
        <source>open</source>
        <translation>開啟</translation>
    </message>
    <message>
        <source>CLOSED: %1</source>
        <translation>關閉：%1</translation>
    </message>
    <message>
        <source>version %1 (%2)</source>
        <translation>版本 %1（%2）</translation>
    </message>
    <message>
        <source>from the central</source>
        <translation>來自中心平台</translation>
    </message>
    <message>
        <source>the bundled one</source>
        <translation>隨軟體附帶</translation>
    </message>
    <message>
        <source>not run yet; nightly from %1</source>
        <translation>尚未執行；每晚 %1 起</translation>
    </message>
    <message>
        <source>last run %1, spool check %2; nightly from %3</source>
        <translation>上次執行 %1，離線佇列檢查%2；每晚 %3 起</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通過</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>未通過：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>waiting for a card</source>
        <translation>等待放卡</translation>
    </message>
    <message>
        <source>waiting for a code</source>
        <translation>等待掃碼</translation>
    </message>
    <message>
        <source>card read OK: %1 %2</source>
        <translation>讀卡成功：%1 %2</translation>
    </message>
    <message>
        <source>resident ID card</source>
        <translation>居民身分證</translation>
    </message>
    <message>
        <source>HK/Macao/Taiwan residence permit</source>
        <translation>港澳台居民居住證</translation>
    </message>
    <message>
        <source>foreigner&apos;s permanent residence card (2017)</source>
        <translation>外國人永久居留身分證（2017 版）</translation>
    </message>
    <message>
        <source>foreigner&apos;s permanent residence card (2023)</source>
        <translation>外國人永久居留身分證（2023 版）</translation>
    </message>
    <message>
        <source>scan received: %1 characters, %2</source>
        <translation>掃碼成功：%1 個字元，%2</translation>
    </message>
    <message>
        <source>a receipt&apos;s QR code</source>
        <translation>回執 QR 碼</translation>
    </message>
    <message>
        <source>a receipt&apos;s local reference</source>
        <translation>回執本機編號</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>數字</translation>
    </message>
    <message>
        <source>a web address</source>
        <translation>網址</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>%1 %2 %3 yuan receipt %4: PAID, visit ended, nothing delivered</source>
        <translation>%1 %2 %3 元 收據 %4：已付款，辦理已結束，未交付（申請或列印）</translation>
    </message>
    <message>
        <source>%1 %2 %3 yuan receipt %4: %5, being settled</source>
        <translation>%1 %2 %3 元 收據 %4：%5，結算中</translation>
    </message>
    <message>
        <source>being opened</source>
        <translation>正在開單</translation>
    </message>
    <message>
        <source>not paid yet</source>
        <translation>尚未繳費</translation>
    </message>
    <message>
        <source>audit log unreadable: %1</source>
        <translation>稽核日誌無法讀取：%1</translation>
    </message>
    <message>
        <source>in service</source>
        <translation>正常服務中</translation>
    </message>
    <message>
        <source>OUT OF SERVICE by %1</source>
        <translation>暫停服務（%1下令）</translation>
    </message>
    <message>
        <source>OUT OF SERVICE by %1; the page says back at %2</source>
        <translation>暫停服務（%1下令）；頁面顯示預計 %2 恢復</translation>
    </message>
    <message>
        <source>a technician here</source>
        <translation>現場維護人員</translation>
    </message>
    <message>
        <source>the central</source>
        <translation>中心平台</translation>
    </message>
    <message>
        <source>unknown action %1</source>
        <translation>未知操作 %1</translation>
    </message>
    <message>
        <source>test page sent to the printer</source>
        <translation>測試頁已送到收據印表機</translation>
    </message>
    <message>
        <source>this kiosk has no A4 printer (a4_printer.queue is empty)</source>
        <translation>本機未配備A4印表機（設定中未填寫A4列印佇列）</translation>
    </message>
    <message>
        <source>A4 test page sent to %1</source>
        <translation>A4測試頁已送到 %1</translation>
    </message>
    <message>
        <source>ID-card reader %1: place a card on it (lift it and place it again if it lies there already)</source>
        <translation>身分證讀卡機%1：請放上一張證件（如已放著，請拿起後重新放上）</translation>
    </message>
    <message>
        <source>this kiosk has no scanner (scanner.port is empty)</source>
        <translation>本機未配備掃碼器（設定中未填寫掃碼器連接埠）</translation>
    </message>
    <message>
        <source>scanner %1: scan a code</source>
        <translation>掃碼器%1：請掃一個碼</translation>
    </message>
    <message>
        <source>delivery started</source>
        <translation>已開始傳送</translation>
    </message>
    <message>
        <source>%1 dead entries queued for delivery</source>
        <translation>%1 筆被拒收的申請已重新排隊傳送</translation>
    </message>
    <message>
        <source>catalog refresh asked</source>
        <translation>已請求更新事項目錄</translation>
    </message>
    <message>
        <source>this kiosk cannot restart itself here</source>
        <translation>本機在此環境下無法自行重新啟動</translation>
    </message>
    <message>
        <source>restarting the kiosk app</source>
        <translation>正在重新啟動自助終端程式</translation>
    </message>
    <message>
        <source>nothing is mounted at %1: insert and mount the USB stick, then try again</source>
        <translation>%1 未掛載任何媒體：請插入並掛載隨身碟後重試</translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>匯出失敗：%1</translation>
    </message>
    <message>
        <source>nothing to export: no %1 entries</source>
        <translation>無可匯出：沒有%1的申請</translation>
    </message>
    <message>
        <source>%1 entries written to %2: %3; %4</source>
        <translation>已將 %1 筆申請寫入 %2：%3；%4</translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <translation>%1（%2 筆%3）</translation>
    </message>
    <message>
        <source>mode 0600; it holds personal data: hand it over, then shred it</source>
        <translation>檔案權限0600；內含個人資料：交出後請徹底銷毀</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待傳送</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>傳送中</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1或%2</translation>
    </message>
    <message>
        <source>no payments on this kiosk</source>
        <translation>本機不收費</translation>
    </message>
    <message>
        <source>%1 %2 yuan: cleared, refunded at the counter</source>
        <translation>%1 %2 元：已在櫃檯退款，已結清</translation>
    </message>
    <message>
        <source>%1 %2 yuan: cleared, given at the counter</source>
        <translation>%1 %2 元：已在櫃檯交付，已結清</translation>
    </message>
    <message>
        <source>how is one of %1</source>
        <translation>處理方式須為以下之一：%1</translation>
    </message>
    <message>
        <source>no paid payment %1 whose visit ended</source>
        <translation>沒有造訪已結束的已繳費款項 %1</translation>
    </message>
    <message>
        <source>this kiosk cannot be taken out of service from here</source>
        <translation>無法在此暫停本機服務</translation>
    </message>
    <message>
        <source>out of service; the page says no time back</source>
        <translation>已暫停服務；頁面不顯示恢復時間</translation>
    </message>
    <message>
        <source>out of service; the page says back at %1</source>
        <translation>已暫停服務；頁面顯示預計 %1 恢復</translation>
    </message>
    <message>
        <source>back in service</source>
        <translation>已恢復服務</translation>
    </message>
    <message>
        <source>your order is lifted; the central&apos;s order keeps the kiosk out of service</source>
        <translation>您的暫停指令已撤銷；中心平台的暫停指令仍有效，本機繼續暫停服務</translation>
    </message>
    <message>
        <source>the device says “%1”</source>
        <translation>裝置原話：「%1」</translation>
    </message>
    <message>
        <source>not yet seen</source>
        <translation>尚未偵測到</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>紙將用完</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>缺紙</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>蓋板未關</translation>
    </message>
    <message>
        <source>printer fault</source>
        <translation>印表機故障</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>無回應</translation>
    </message>
    <message>
        <source>status unknown: this connection cannot read it</source>
        <translation>狀態未知：此連線方式無法讀取狀態</translation>
    </message>
    <message>
        <source>status unknown: no answer to the status question</source>
        <translation>狀態未知：狀態查詢無回應</translation>
    </message>
    <message>
        <source>status unknown: not asked (status policy none)</source>
        <translation>狀態未知：依設定不查詢狀態</translation>
    </message>
    <message>
        <source>paper jam</source>
        <translation>卡紙</translation>
    </message>
    <message>
        <source>door open</source>
        <translation>機門未關</translation>
    </message>
    <message>
        <source>toner empty</source>
        <translation>碳粉用完</translation>
    </message>
    <message>
        <source>paper tray missing</source>
        <translation>紙匣未裝</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>紙張不多</translation>
    </message>
    <message>
        <source>toner low</source>
        <translation>碳粉不多</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>印表機離線</translation>
    </message>
    <message>
        <source>print queue paused</source>
        <translation>列印佇列已暫停</translation>
    </message>
    <message>
        <source>print queue stopped</source>
        <translation>列印佇列已停止</translation>
    </message>
    <message>
        <source>print queue not accepting jobs</source>
        <translation>列印佇列不接受工作</translation>
    </message>
    <message>
        <source>print queue paused: %1</source>
        <translation>列印佇列已暫停：%1</translation>
    </message>
    <message>
        <source>print queue stopped: %1</source>
        <translation>列印佇列已停止：%1</translation>
    </message>
    <message>
        <source>print queue not accepting jobs: %1</source>
        <translation>列印佇列不接受工作：%1</translation>
    </message>
    <message>
        <source>errors on the serial line</source>
        <translation>序列埠線路有錯誤</translation>
    </message>
    <message>
        <source>serial port unavailable</source>
        <translation>序列埠無法使用</translation>
    </message>
    <message>
        <source>reader not answering</source>
        <translation>讀卡機無回應</translation>
    </message>
    <message>
        <source>security module (SAM) failed: %1</source>
        <translation>安全模組故障：%1</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>內部錯誤</translation>
    </message>
    <message>
        <source>internal error: %1</source>
        <translation>內部錯誤：%1</translation>
    </message>
    <message>
        <source>reads keep failing: %1</source>
        <translation>多次讀卡失敗：%1</translation>
    </message>
    <message>
        <source>status could not be read: %1</source>
        <translation>無法讀取狀態：%1</translation>
    </message>
    <message>
        <source>garbled status reply: %1</source>
        <translation>狀態回應無法辨識：%1</translation>
    </message>
    <message>
        <source>its port cannot be opened: %1</source>
        <translation>序列埠無法開啟：%1</translation>
    </message>
    <message>
        <source>its connection was lost: %1</source>
        <translation>連線已中斷：%1</translation>
    </message>
    <message>
        <source>smart-card service (PC/SC) not available</source>
        <translation>智慧卡服務無法使用</translation>
    </message>
    <message>
        <source>no smart-card reader</source>
        <translation>未連接智慧卡讀卡機</translation>
    </message>
    <message>
        <source>card does not answer; remove it</source>
        <translation>卡片無回應，請取下</translation>
    </message>
    <message>
        <source>reader %1</source>
        <translation>讀卡機 %1</translation>
    </message>
    <message>
        <source>App started</source>
        <translation>程式啟動</translation>
    </message>
    <message>
        <source>App stopped</source>
        <translation>程式停止</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>裝置已註冊</translation>
    </message>
    <message>
        <source>Visit started</source>
        <translation>辦理開始</translation>
    </message>
    <message>
        <source>Visit ended</source>
        <translation>辦理結束</translation>
    </message>
    <message>
        <source>Submission saved</source>
        <translation>申請已保存</translation>
    </message>
    <message>
        <source>Submission delivered</source>
        <translation>申請已送達</translation>
    </message>
    <message>
        <source>Submission refused</source>
        <translation>申請被拒收</translation>
    </message>
    <message>
        <source>Paid, visit ended unfinished</source>
        <translation>已付款，辦理未完成即結束</translation>
    </message>
    <message>
        <source>Paid, document not delivered</source>
        <translation>已付款，文件未交付</translation>
    </message>
    <message>
        <source>Paid fee cleared by hand</source>
        <translation>已付費用已人工處理</translation>
    </message>
    <message>
        <source>Personal data erased</source>
        <translation>個人資料已清除</translation>
    </message>
    <message>
        <source>Technician signed in</source>
        <translation>維護人員登入</translation>
    </message>
    <message>
        <source>Technician sign-in failed</source>
        <translation>維護人員登入失敗</translation>
    </message>
    <message>
        <source>Technician action</source>
        <translation>維護操作</translation>
    </message>
    <message>
        <source>Device state changed</source>
        <translation>裝置狀態變化</translation>
    </message>
    <message>
        <source>Central&apos;s command carried out</source>
        <translation>已執行中心平台指令</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>設定已變更</translation>
    </message>
    <message>
        <source>Audit log repaired</source>
        <translation>稽核日誌已修復</translation>
    </message>
    <message>
        <source>Audit log rotated</source>
        <translation>稽核日誌已輪替</translation>
    </message>
    <message>
        <source>Nightly upkeep done</source>
        <translation>夜間維護完成</translation>
    </message>
    <message>
        <source>Spool check failed</source>
        <translation>離線佇列檢查未通過</translation>
    </message>
    <message>
        <source>Spool set aside</source>
        <translation>離線佇列已另存</translation>
    </message>
    <message>
        <source>Document refused</source>
        <translation>文件被拒絕</translation>
    </message>
    <message>
        <source>Taken out of service</source>
        <translation>下令暫停服務</translation>
    </message>
    <message>
        <source>Out-of-service order lifted</source>
        <translation>撤銷暫停服務指令</translation>
    </message>
    <message>
        <source>Unreadable log line</source>
        <translation>無法讀取的日誌行</translation>
    </message>
    <message>
        <source>Refresh the catalog</source>
        <translation>重新整理事項目錄</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>暫停服務</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>恢復服務</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>列印測試頁</translation>
    </message>
    <message>
        <source>Restart the kiosk app</source>
        <translation>重新啟動自助機程式</translation>
    </message>
    <message>
        <source>Upload diagnostics</source>
        <translation>上傳診斷資訊</translation>
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
