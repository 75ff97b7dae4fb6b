// The virtual keyboard strip at the bottom of the kiosk window. The window
// shows it while a field wants text and sets `locale` from the visit's
// language and `elderly` from its mode; the keyboard never grows wider than
// `maxWidth`, so in landscape it stays a hand's span wide instead of covering
// most of the screen. The style's candidate row (Pinyin, Cangjie, Zhuyin
// offers) is a strip of small print a finger cannot hit; here each offer is a
// target as large as the kiosk's buttons, its word in type an elder can read.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles

Item {
    id: root
    property string locale: "zh_CN"
    property bool elderly: false
    property real maxWidth: 1080
    // as the window's touch targets: ui.style's MIN_TOUCH_PX, scaled for large text
    readonly property real candidateHeight: elderly ? 96 : 64
    readonly property real candidatePixels: elderly ? 52 : 36
    readonly property real keysHeight: panel.height

    onLocaleChanged: VirtualKeyboardSettings.locale = root.locale
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "zh_TW", "en_US"]
        VirtualKeyboardSettings.locale = root.locale
        const style = panel.keyboard.style
        style.selectionListHeight = Qt.binding(() => root.candidateHeight)
        style.selectionListDelegate = offer
    }

    Component {
        id: offer
        SelectionListItem {
            id: item
            width: Math.max(root.candidateHeight, word.implicitWidth + 2 * root.candidateHeight / 3)
            Text {
                id: word
                anchors.centerIn: parent
                text: display
                color: item.ListView.isCurrentItem ? "#ffffff" : "#9fd3ff"
                font.pixelSize: root.candidatePixels
                font.bold: item.ListView.isCurrentItem
            }
            Rectangle {  // a rule between offers, so each reads as its own key
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                width: 2
                height: parent.height * 0.6
                color: "#5a6a7a"
            }
        }
    }

    InputPanel {
        id: panel
        width: Math.min(root.width, root.maxWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
    }
}
