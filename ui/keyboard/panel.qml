// The virtual keyboard strip at the bottom of the kiosk window. The window
// shows it while a field wants text and sets `locale` from the visit's
// language; the keyboard never grows wider than `maxWidth`, so in landscape
// it stays a hand's span wide instead of covering most of the screen.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    property string locale: "zh_CN"
    property real maxWidth: 1080
    readonly property real panelHeight: panel.height + candidateHeight
    readonly property real candidateHeight: panel.keyboard ? panel.keyboard.style.selectionListHeight : 0

    onLocaleChanged: VirtualKeyboardSettings.locale = root.locale
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "zh_TW", "en_US"]
        VirtualKeyboardSettings.locale = root.locale
    }

    InputPanel {
        id: panel
        width: Math.min(root.width, root.maxWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
    }
}
