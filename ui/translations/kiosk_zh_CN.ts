<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractPage</name>
    <message>
        <source>For help, call the service hotline %1</source>
        <translation>如需帮助，请拨打服务热线 %1</translation>
    </message>
    <message>
        <source>Scan to use the online service hall on your phone</source>
        <translation>扫码用手机办理网上办事大厅业务</translation>
    </message>
    <message>
        <source>Place your ID card on the reader</source>
        <translation>请将身份证放在读卡器上</translation>
    </message>
    <message>
        <source>or tap Start to choose a service</source>
        <translation>或点击“开始办理”，选择要办理的事项</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Standard mode</source>
        <translation>标准模式</translation>
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
        <translation>办件编号：%1</translation>
    </message>
    <message>
        <source>Receipt reference: %1</source>
        <translation>回执受理编号：%1</translation>
    </message>
    <message>
        <source>Rate this case</source>
        <translation>评价此办件</translation>
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
        <translation>请选择办理事项</translation>
    </message>
    <message>
        <source>No service matches. Clear the search to see them all.</source>
        <translation>没有找到相符的事项。清除搜索内容即可查看全部事项。</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>按事项名称搜索</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
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
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <source>Read aloud again</source>
        <translation>再读一遍</translation>
    </message>
    <message>
        <source>Service hotline: %1</source>
        <translation>服务热线：%1</translation>
    </message>
    <message>
        <source>Asking for a member of staff…</source>
        <translation>正在呼叫工作人员…</translation>
    </message>
    <message numerus="yes">
        <source>A member of staff is on the way (about %n minute(s)). Or call %1.</source>
        <translation>
            <numerusform>工作人员正在赶来（约 %n 分钟），也可拨打 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>No staff can be asked from here now. Please call the hotline %1.</source>
        <translation>暂时无法从本机呼叫工作人员，请拨打服务热线 %1。</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>It is correct, go on</source>
        <translation>确认无误，继续</translation>
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
        <translation>请将身份证放在读卡器上</translation>
    </message>
    <message>
        <source>No card with you? Type your ID number and name</source>
        <translation>没带身份证？请输入身份证号码和姓名</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>No activity: this visit ends in %n second(s). Touch the screen to continue.</source>
        <translation>
            <numerusform>长时间无操作，本次办理将在 %n 秒后结束。触摸屏幕即可继续。</numerusform>
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
        <translation>重试</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
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
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Rate our service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Thank you for your rating</source>
        <translation>感谢您的评价</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请已提交</translation>
    </message>
    <message>
        <source>Your reference number</source>
        <translation>您的申请编号</translation>
    </message>
    <message>
        <source>Scan the QR code on your receipt at any kiosk to check progress.</source>
        <translation>在任一自助机扫描回执上的二维码，即可查询办理进度。</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <source>Fee paid</source>
        <translation>已缴费用</translation>
    </message>
    <message>
        <source>CNY %1</source>
        <translation>￥%1</translation>
    </message>
    <message>
        <source>Fiscal receipt number</source>
        <translation>财政电子票据号</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>办理窗口：%1</translation>
    </message>
    <message>
        <source>Your time: %1</source>
        <translation>预约时间：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>前面还有 %n 人等候</numerusform>
        </translation>
    </message>
    <message>
        <source>Your cases</source>
        <translation>您的办理进度</translation>
    </message>
    <message>
        <source>The service centre cannot be reached; only what this kiosk holds is shown.</source>
        <translation>暂时无法连接服务中心，以下仅显示本机保存的记录。</translation>
    </message>
    <message>
        <source>No cases found.</source>
        <translation>没有查到办件记录。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Please take your paper from the printer.</source>
        <translation>请从出纸口取走打印件。</translation>
    </message>
    <message>
        <source>It could not be printed. Staff can reprint it; please note the number above.</source>
        <translation>未能打印。工作人员可为您补打，请记下上方的编号。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check and confirm</source>
        <translation>请核对并确认</translation>
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
        <translation>确认提交</translation>
    </message>
</context>
<context>
    <name>SlotsPage</name>
    <message>
        <source>Take a queue ticket for today</source>
        <translation>领取今日排队号</translation>
    </message>
    <message>
        <source>Or book a time:</source>
        <translation>或预约时段：</translation>
    </message>
    <message>
        <source>Looking up free times…</source>
        <translation>正在查询可预约时段…</translation>
    </message>
    <message>
        <source>No free times on this day.</source>
        <translation>当天没有可预约的时段。</translation>
    </message>
    <message numerus="yes">
        <source>%n places left</source>
        <translation>
            <numerusform>剩余 %n 个名额</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechPinPage</name>
    <message>
        <source>Technician PIN</source>
        <translation>维护密码</translation>
    </message>
    <message>
        <source>First hold your badge to the badge reader, then enter the PIN</source>
        <translation>请先将工作卡贴近工作卡读卡器，再输入维护密码</translation>
    </message>
    <message>
        <source>This badge is not enrolled on this kiosk</source>
        <translation>此工作卡未在本机登记</translation>
    </message>
    <message>
        <source>Badge accepted: enter the PIN</source>
        <translation>工作卡已确认，请输入维护密码</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <source>Technician mode</source>
        <translation>维护模式</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出维护</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Print an A4 test page</source>
        <translation>打印A4测试页</translation>
    </message>
    <message>
        <source>Test the ID-card reader</source>
        <translation>测试身份证读卡器</translation>
    </message>
    <message>
        <source>Test the scanner</source>
        <translation>测试扫码器</translation>
    </message>
    <message>
        <source>Retry dead entries</source>
        <translation>重发失败件</translation>
    </message>
    <message>
        <source>Refresh the catalog</source>
        <translation>刷新事项目录</translation>
    </message>
    <message>
        <source>Export dead entries</source>
        <translation>导出失败件</translation>
    </message>
    <message>
        <source>Export everything undelivered</source>
        <translation>导出全部未上传件</translation>
    </message>
    <message>
        <source>Restart the kiosk app</source>
        <translation>重启自助机程序</translation>
    </message>
    <message>
        <source>Put back in service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>Take out of service…</source>
        <translation>暂停服务…</translation>
    </message>
    <message>
        <source>In 30 minutes</source>
        <translation>30 分钟后</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <source>In 2 hours</source>
        <translation>2 小时后</translation>
    </message>
    <message>
        <source>When the hall opens, %1</source>
        <translation>大厅开门时 %1</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>暂不确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Out of service now. When is the kiosk expected back?</source>
        <translation>立即暂停服务。预计何时恢复？</translation>
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
        <translation>已缴费未交付</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>中心平台</translation>
    </message>
    <message>
        <source>ID-card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>A4 printer</source>
        <translation>A4打印机</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码器</translation>
    </message>
    <message>
        <source>Badge reader</source>
        <translation>工牌读卡器</translation>
    </message>
    <message>
        <source>Spool</source>
        <translation>待上传队列</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <source>Upkeep</source>
        <translation>夜间维护</translation>
    </message>
    <message>
        <source>Recent commands</source>
        <translation>最近指令</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务状态</translation>
    </message>
    <message>
        <source>Recent events</source>
        <translation>最近事件</translation>
    </message>
    <message>
        <source>Card test</source>
        <translation>读卡测试</translation>
    </message>
    <message>
        <source>Scan test</source>
        <translation>扫码测试</translation>
    </message>
    <message>
        <source>Deliver the spool now</source>
        <translation>立即上传</translation>
    </message>
</context>
<context>
    <name>TechnicianWords</name>
    <message>
        <source>%1 (%2), software %3</source>
        <translation>%1（%2），软件版本 %3</translation>
    </message>
    <message>
        <source>%1: reachable</source>
        <translation>%1：可连接</translation>
    </message>
    <message>
        <source>%1: UNREACHABLE</source>
        <translation>%1：无法连接</translation>
    </message>
    <message>
        <source>working</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>working, with a problem</source>
        <translation>可用，但有问题</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
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
        <translation>未安装</translation>
    </message>
    <message>
        <source>%1 pending, %2 in flight, %3 delivered, %4 dead; gate %5</source>
        <translation>待发送 %1，发送中 %2，已送达 %3，被拒收 %4；受理闸门%5</translation>
    </message>
    <message>
        <source>open</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>CLOSED: %1</source>
        <translation>关闭：%1</translation>
    </message>
    <message>
        <source>version %1 (%2)</source>
        <translation>版本 %1（%2）</translation>
    </message>
    <message>
        <source>from the central</source>
        <translation>来自中心平台</translation>
    </message>
    <message>
        <source>the bundled one</source>
        <translation>随软件附带</translation>
    </message>
    <message>
        <source>not run yet; nightly from %1</source>
        <translation>尚未运行；每晚 %1 起</translation>
    </message>
    <message>
        <source>last run %1, spool check %2; nightly from %3</source>
        <translation>上次运行 %1，离线队列检查%2；每晚 %3 起</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>未通过：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>waiting for a card</source>
        <translation>等待放卡</translation>
    </message>
    <message>
        <source>waiting for a code</source>
        <translation>等待扫码</translation>
    </message>
    <message>
        <source>card read OK: %1 %2</source>
        <translation>读卡成功：%1 %2</translation>
    </message>
    <message>
        <source>resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>HK/Macao/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>foreigner&apos;s permanent residence card (2017)</source>
        <translation>外国人永久居留身份证（2017 版）</translation>
    </message>
    <message>
        <source>foreigner&apos;s permanent residence card (2023)</source>
        <translation>外国人永久居留身份证（2023 版）</translation>
    </message>
    <message>
        <source>scan received: %1 characters, %2</source>
        <translation>扫码成功：%1 个字符，%2</translation>
    </message>
    <message>
        <source>a receipt&apos;s QR code</source>
        <translation>回执二维码</translation>
    </message>
    <message>
        <source>a receipt&apos;s local reference</source>
        <translation>回执本机编号</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a web address</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>%1 %2 %3 yuan receipt %4: PAID, visit ended, nothing delivered</source>
        <translation>%1 %2 %3 元 收据 %4：已付款，办理已结束，未交付（申请或打印）</translation>
    </message>
    <message>
        <source>%1 %2 %3 yuan receipt %4: %5, being settled</source>
        <translation>%1 %2 %3 元 收据 %4：%5，结算中</translation>
    </message>
    <message>
        <source>being opened</source>
        <translation>正在开单</translation>
    </message>
    <message>
        <source>not paid yet</source>
        <translation>尚未缴费</translation>
    </message>
    <message>
        <source>audit log unreadable: %1</source>
        <translation>审计日志无法读取：%1</translation>
    </message>
    <message>
        <source>in service</source>
        <translation>正常服务中</translation>
    </message>
    <message>
        <source>OUT OF SERVICE by %1</source>
        <translation>暂停服务（%1下令）</translation>
    </message>
    <message>
        <source>OUT OF SERVICE by %1; the page says back at %2</source>
        <translation>暂停服务（%1下令）；页面显示预计 %2 恢复</translation>
    </message>
    <message>
        <source>a technician here</source>
        <translation>现场维护人员</translation>
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
        <translation>测试页已发送到凭条打印机</translation>
    </message>
    <message>
        <source>this kiosk has no A4 printer (a4_printer.queue is empty)</source>
        <translation>本机未配备A4打印机（设置中未填写A4打印队列）</translation>
    </message>
    <message>
        <source>A4 test page sent to %1</source>
        <translation>A4测试页已发送到 %1</translation>
    </message>
    <message>
        <source>ID-card reader %1: place a card on it (lift it and place it again if it lies there already)</source>
        <translation>身份证读卡器%1：请放上一张证件（如已放着，请拿起后重新放上）</translation>
    </message>
    <message>
        <source>this kiosk has no scanner (scanner.port is empty)</source>
        <translation>本机未配备扫码器（设置中未填写扫码器端口）</translation>
    </message>
    <message>
        <source>scanner %1: scan a code</source>
        <translation>扫码器%1：请扫一个码</translation>
    </message>
    <message>
        <source>delivery started</source>
        <translation>已开始发送</translation>
    </message>
    <message>
        <source>%1 dead entries queued for delivery</source>
        <translation>%1 条被拒收的申请已重新排队发送</translation>
    </message>
    <message>
        <source>catalog refresh asked</source>
        <translation>已请求更新事项目录</translation>
    </message>
    <message>
        <source>this kiosk cannot restart itself here</source>
        <translation>本机在此环境下无法自行重启</translation>
    </message>
    <message>
        <source>restarting the kiosk app</source>
        <translation>正在重启自助终端程序</translation>
    </message>
    <message>
        <source>nothing is mounted at %1: insert and mount the USB stick, then try again</source>
        <translation>%1 未挂载任何介质：请插入并挂载U盘后重试</translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>nothing to export: no %1 entries</source>
        <translation>无可导出：没有%1的申请</translation>
    </message>
    <message>
        <source>%1 entries written to %2: %3; %4</source>
        <translation>已将 %1 条申请写入 %2：%3；%4</translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <translation>%1（%2 条%3）</translation>
    </message>
    <message>
        <source>mode 0600; it holds personal data: hand it over, then shred it</source>
        <translation>文件权限0600；内含个人信息：交出后请彻底销毁</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>发送中</translation>
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
        <translation>本机不收费</translation>
    </message>
    <message>
        <source>%1 %2 yuan: cleared, refunded at the counter</source>
        <translation>%1 %2 元：已在窗口退款，已了结</translation>
    </message>
    <message>
        <source>%1 %2 yuan: cleared, given at the counter</source>
        <translation>%1 %2 元：已在窗口交付，已了结</translation>
    </message>
    <message>
        <source>how is one of %1</source>
        <translation>处理方式须为以下之一：%1</translation>
    </message>
    <message>
        <source>no paid payment %1 whose visit ended</source>
        <translation>没有访问已结束的已缴费款项 %1</translation>
    </message>
    <message>
        <source>this kiosk cannot be taken out of service from here</source>
        <translation>无法在此暂停本机服务</translation>
    </message>
    <message>
        <source>out of service; the page says no time back</source>
        <translation>已暂停服务；页面不显示恢复时间</translation>
    </message>
    <message>
        <source>out of service; the page says back at %1</source>
        <translation>已暂停服务；页面显示预计 %1 恢复</translation>
    </message>
    <message>
        <source>back in service</source>
        <translation>已恢复服务</translation>
    </message>
    <message>
        <source>your order is lifted; the central&apos;s order keeps the kiosk out of service</source>
        <translation>您的暂停指令已撤销；中心平台的暂停指令仍有效，本机继续暂停服务</translation>
    </message>
    <message>
        <source>the device says “%1”</source>
        <translation>设备原话：“%1”</translation>
    </message>
    <message>
        <source>not yet seen</source>
        <translation>尚未检测到</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>盖板未关</translation>
    </message>
    <message>
        <source>printer fault</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>脱机</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>status unknown: this connection cannot read it</source>
        <translation>状态未知：此连接方式无法读取状态</translation>
    </message>
    <message>
        <source>status unknown: no answer to the status question</source>
        <translation>状态未知：状态查询无应答</translation>
    </message>
    <message>
        <source>status unknown: not asked (status policy none)</source>
        <translation>状态未知：按设置不查询状态</translation>
    </message>
    <message>
        <source>paper jam</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <source>door open</source>
        <translation>机门未关</translation>
    </message>
    <message>
        <source>toner empty</source>
        <translation>墨粉用完</translation>
    </message>
    <message>
        <source>paper tray missing</source>
        <translation>纸盒未装</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>纸张不多</translation>
    </message>
    <message>
        <source>toner low</source>
        <translation>墨粉不多</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>打印机脱机</translation>
    </message>
    <message>
        <source>print queue paused</source>
        <translation>打印队列已暂停</translation>
    </message>
    <message>
        <source>print queue stopped</source>
        <translation>打印队列已停止</translation>
    </message>
    <message>
        <source>print queue not accepting jobs</source>
        <translation>打印队列不接受任务</translation>
    </message>
    <message>
        <source>print queue paused: %1</source>
        <translation>打印队列已暂停：%1</translation>
    </message>
    <message>
        <source>print queue stopped: %1</source>
        <translation>打印队列已停止：%1</translation>
    </message>
    <message>
        <source>print queue not accepting jobs: %1</source>
        <translation>打印队列不接受任务：%1</translation>
    </message>
    <message>
        <source>errors on the serial line</source>
        <translation>串口线路有误码</translation>
    </message>
    <message>
        <source>serial port unavailable</source>
        <translation>串口不可用</translation>
    </message>
    <message>
        <source>reader not answering</source>
        <translation>读卡器无应答</translation>
    </message>
    <message>
        <source>security module (SAM) failed: %1</source>
        <translation>安全模块故障：%1</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>internal error: %1</source>
        <translation>内部错误：%1</translation>
    </message>
    <message>
        <source>reads keep failing: %1</source>
        <translation>多次读卡失败：%1</translation>
    </message>
    <message>
        <source>status could not be read: %1</source>
        <translation>无法读取状态：%1</translation>
    </message>
    <message>
        <source>garbled status reply: %1</source>
        <translation>状态应答无法识别：%1</translation>
    </message>
    <message>
        <source>its port cannot be opened: %1</source>
        <translation>串口无法打开：%1</translation>
    </message>
    <message>
        <source>its connection was lost: %1</source>
        <translation>连接已断开：%1</translation>
    </message>
    <message>
        <source>smart-card service (PC/SC) not available</source>
        <translation>智能卡服务不可用</translation>
    </message>
    <message>
        <source>no smart-card reader</source>
        <translation>未连接智能卡读卡器</translation>
    </message>
    <message>
        <source>card does not answer; remove it</source>
        <translation>卡片无应答，请取下</translation>
    </message>
    <message>
        <source>reader %1</source>
        <translation>读卡器 %1</translation>
    </message>
    <message>
        <source>App started</source>
        <translation>程序启动</translation>
    </message>
    <message>
        <source>App stopped</source>
        <translation>程序停止</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>设备已注册</translation>
    </message>
    <message>
        <source>Visit started</source>
        <translation>办理开始</translation>
    </message>
    <message>
        <source>Visit ended</source>
        <translation>办理结束</translation>
    </message>
    <message>
        <source>Submission saved</source>
        <translation>申请已保存</translation>
    </message>
    <message>
        <source>Submission delivered</source>
        <translation>申请已送达</translation>
    </message>
    <message>
        <source>Submission refused</source>
        <translation>申请被拒收</translation>
    </message>
    <message>
        <source>Paid, visit ended unfinished</source>
        <translation>已付款，办理未完成即结束</translation>
    </message>
    <message>
        <source>Paid, document not delivered</source>
        <translation>已付款，文件未交付</translation>
    </message>
    <message>
        <source>Paid fee cleared by hand</source>
        <translation>已付费用已人工处理</translation>
    </message>
    <message>
        <source>Personal data erased</source>
        <translation>个人信息已清除</translation>
    </message>
    <message>
        <source>Technician signed in</source>
        <translation>维护人员登录</translation>
    </message>
    <message>
        <source>Technician sign-in failed</source>
        <translation>维护人员登录失败</translation>
    </message>
    <message>
        <source>Technician action</source>
        <translation>维护操作</translation>
    </message>
    <message>
        <source>Device state changed</source>
        <translation>设备状态变化</translation>
    </message>
    <message>
        <source>Central&apos;s command carried out</source>
        <translation>已执行中心平台指令</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>设置已更改</translation>
    </message>
    <message>
        <source>Audit log repaired</source>
        <translation>审计日志已修复</translation>
    </message>
    <message>
        <source>Audit log rotated</source>
        <translation>审计日志已轮换</translation>
    </message>
    <message>
        <source>Nightly upkeep done</source>
        <translation>夜间维护完成</translation>
    </message>
    <message>
        <source>Spool check failed</source>
        <translation>离线队列检查未通过</translation>
    </message>
    <message>
        <source>Spool set aside</source>
        <translation>离线队列已另存</translation>
    </message>
    <message>
        <source>Document refused</source>
        <translation>文书被拒绝</translation>
    </message>
    <message>
        <source>Taken out of service</source>
        <translation>下令暂停服务</translation>
    </message>
    <message>
        <source>Out-of-service order lifted</source>
        <translation>撤销暂停服务指令</translation>
    </message>
    <message>
        <source>Unreadable log line</source>
        <translation>无法读取的日志行</translation>
    </message>
    <message>
        <source>Refresh the catalog</source>
        <translation>刷新事项目录</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Restart the kiosk app</source>
        <translation>重启自助机程序</translation>
    </message>
    <message>
        <source>Upload diagnostics</source>
        <translation>上传诊断信息</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Enter the code sent to your phone</source>
        <translation>请输入手机收到的验证码</translation>
    </message>
    <message>
        <source>A 6-digit code was sent to %1</source>
        <translation>6 位验证码已发送至 %1</translation>
    </message>
    <message>
        <source>Use my ID card instead</source>
        <translation>改用身份证</translation>
    </message>
    <message numerus="yes">
        <source>New code in %n s</source>
        <translation>
            <numerusform>%n 秒后可重新发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>重新发送验证码</translation>
    </message>
</context>
<context>
    <name>WorkingPage</name>
    <message>
        <source>Please wait, asking the service centre…</source>
        <translation>正在向服务中心查询，请稍候…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
