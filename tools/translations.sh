#!/usr/bin/env bash
# Refreshes the UI's translations after a self.tr text was added, changed or removed:
# pyside6-lupdate brings every text of ui/ into the Qt Linguist sources (new ones
# untranslated, vanished ones dropped), then pyside6-lrelease compiles them into the
# .qm files the kiosk loads. Translate what is new (pyside6-linguist, or the XML) and
# run it again. English needs only its plural forms; its source texts are English.
# The tests run it on a copy, given as the one argument, to see if the committed
# files are current.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-ui/translations}
bin=.venv/bin
lupdate=("$bin/pyside6-lupdate" -silent -extensions py -no-obsolete -locations none ui)
"${lupdate[@]}" -ts "$out/kiosk_zh_CN.ts" "$out/kiosk_zh_TW.ts"
"${lupdate[@]}" -pluralonly -ts "$out/kiosk_en.ts"
for ts in "$out"/kiosk_*.ts; do
    "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
