<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Footer</name>
    <message numerus="yes">
        <source>A member of staff is on the way (about %n minute(s)). Or call %1.</source>
        <translation>
            <numerusform>A member of staff is on the way (about %n minute). Or call %1.</numerusform>
            <numerusform>A member of staff is on the way (about %n minutes). Or call %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>No activity: this visit ends in %n second(s). Touch the screen to continue.</source>
        <translation>
            <numerusform>No activity: this visit ends in %n second. Touch the screen to continue.</numerusform>
            <numerusform>No activity: this visit ends in %n seconds. Touch the screen to continue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message numerus="yes">
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SlotsPage</name>
    <message numerus="yes">
        <source>%n places left</source>
        <translation>
            <numerusform>%n place left</numerusform>
            <numerusform>%n places left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message numerus="yes">
        <source>New code in %n s</source>
        <translation>
            <numerusform>New code in %n second</numerusform>
            <numerusform>New code in %n seconds</numerusform>
        </translation>
    </message>
</context>
</TS>
