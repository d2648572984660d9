<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>s3ui::BrowserView</name>
    <message numerus="yes">
        <source>Deleting %Ln object(s)</source>
        <translation>
            <numerusform>Deleting %Ln object</numerusform>
            <numerusform>Deleting %Ln objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n item(s)</source>
        <translation>
            <numerusform>Deleting %n item</numerusform>
            <numerusform>Deleting %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s) and everything in them</source>
        <translation>
            <numerusform>%n folder and everything in it</numerusform>
            <numerusform>%n folders and everything in them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making %n item(s) private</source>
        <translation>
            <numerusform>Making %n item private</numerusform>
            <numerusform>Making %n items private</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making %n item(s) public</source>
        <translation>
            <numerusform>Making %n item public</numerusform>
            <numerusform>Making %n items public</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing %n item(s) to %1</source>
        <translation>
            <numerusform>Changing %n item to %1</numerusform>
            <numerusform>Changing %n items to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Requesting the restore of %n file(s)</source>
        <translation>
            <numerusform>Requesting the restore of %n file</numerusform>
            <numerusform>Requesting the restore of %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large file(s) are moved in the transfer queue (copied in parts; pause and resume work there).</source>
        <translation>
            <numerusform>%n large file is moved in the transfer queue (copied in parts; pause and resume work there).</numerusform>
            <numerusform>%n large files are moved in the transfer queue (copied in parts; pause and resume work there).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large file(s) continue in the transfers panel (copied in parts; pause and resume work there).</source>
        <translation>
            <numerusform>%n large file continues in the transfers panel (copied in parts; pause and resume work there).</numerusform>
            <numerusform>%n large files continue in the transfers panel (copied in parts; pause and resume work there).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n item(s) to %1</source>
        <translation>
            <numerusform>Moving %n item to %1</numerusform>
            <numerusform>Moving %n items to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preparing the upload of %n item(s)…</source>
        <translation>
            <numerusform>Preparing the upload of %n item…</numerusform>
            <numerusform>Preparing the upload of %n items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) queued</source>
        <translation>
            <numerusform>%n upload queued</numerusform>
            <numerusform>%n uploads queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) queued</source>
        <translation>
            <numerusform>%n download queued</numerusform>
            <numerusform>%n downloads queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n file(s) queued.</source>
        <translation>
            <numerusform>%1: %n file queued.</numerusform>
            <numerusform>%1: %n files queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n download(s) queued.</source>
        <translation>
            <numerusform>%1: %n download queued.</numerusform>
            <numerusform>%1: %n downloads queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left out (also listed as failed in the transfers):</source>
        <translation>
            <numerusform>%n item left out (also listed as failed in the transfers):</numerusform>
            <numerusform>%n items left out (also listed as failed in the transfers):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … and %n more</numerusform>
            <numerusform>  … and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) ready to drop</source>
        <translation>
            <numerusform>%n file ready to drop</numerusform>
            <numerusform>%n files ready to drop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n file(s) for the drop…</source>
        <translation>
            <numerusform>Downloading %n file for the drop…</numerusform>
            <numerusform>Downloading %n files for the drop…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dropped before %n file(s) finished downloading; they were not handed over: %1. Drag them again once the status bar says they are ready, or use Download….</source>
        <translation>
            <numerusform>Dropped before %n file finished downloading; it was not handed over: %1. Drag it again once the status bar says it is ready, or use Download….</numerusform>
            <numerusform>Dropped before %n files finished downloading; they were not handed over: %1. Drag them again once the status bar says they are ready, or use Download….</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionTester</name>
    <message numerus="yes">
        <source>your clock is %n minute(s) off (ahead of the server)</source>
        <translation>
            <numerusform>your clock is %n minute off (ahead of the server)</numerusform>
            <numerusform>your clock is %n minutes off (ahead of the server)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>your clock is %n minute(s) off (behind the server)</source>
        <translation>
            <numerusform>your clock is %n minute off (behind the server)</numerusform>
            <numerusform>your clock is %n minutes off (behind the server)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n bucket(s).</source>
        <translation>
            <numerusform>Connected: %n bucket.</numerusform>
            <numerusform>Connected: %n buckets.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::FolderPropertiesDialog</name>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln object</numerusform>
            <numerusform>%Ln objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counting… %Ln object(s) so far</source>
        <translation>
            <numerusform>Counting… %Ln object so far</numerusform>
            <numerusform>Counting… %Ln objects so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counted in %Ln listing page(s).</source>
        <translation>
            <numerusform>Counted in %Ln listing page.</numerusform>
            <numerusform>Counted in %Ln listing pages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::JobSequence</name>
    <message numerus="yes">
        <source>%1 of %n failed: %2</source>
        <translation>
            <numerusform>%1 of %n failed: %2</numerusform>
            <numerusform>%1 of %n failed: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>; and %n more</numerusform>
            <numerusform>; and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::MainWindow</name>
    <message numerus="yes">
        <source>Deleting the bucket %1: %Ln version(s) and delete marker(s) removed</source>
        <translation>
            <numerusform>Deleting the bucket %1: %Ln version or delete marker removed</numerusform>
            <numerusform>Deleting the bucket %1: %Ln versions and delete markers removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n incomplete upload(s) aborted</source>
        <translation>
            <numerusform>, %n incomplete upload aborted</numerusform>
            <numerusform>, %n incomplete uploads aborted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) are not finished. Quit anyway?</source>
        <translation>
            <numerusform>%n transfer is not finished. Quit anyway?</numerusform>
            <numerusform>%n transfers are not finished. Quit anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edited file(s) have changes that are not uploaded. Quit anyway?</source>
        <translation>
            <numerusform>%n edited file has changes that are not uploaded. Quit anyway?</numerusform>
            <numerusform>%n edited files have changes that are not uploaded. Quit anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::TabsController</name>
    <message numerus="yes">
        <source>Moving %n item(s) to %1</source>
        <translation>
            <numerusform>Moving %n item to %1</numerusform>
            <numerusform>Moving %n items to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) to %1</source>
        <translation>
            <numerusform>Copying %n item to %1</numerusform>
            <numerusform>Copying %n items to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) moved</source>
        <translation>
            <numerusform>%n object moved</numerusform>
            <numerusform>%n objects moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) copied</source>
        <translation>
            <numerusform>%n object copied</numerusform>
            <numerusform>%n objects copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n item(s) to %1 (%2)</source>
        <translation>
            <numerusform>Moving %n item to %1 (%2)</numerusform>
            <numerusform>Moving %n items to %1 (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) to %1 (%2)</source>
        <translation>
            <numerusform>Copying %n item to %1 (%2)</numerusform>
            <numerusform>Copying %n items to %1 (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) left alone: they exist already at the target (first: %1).</source>
        <translation>
            <numerusform>%n object left alone: it exists already at the target (%1).</numerusform>
            <numerusform>%n objects left alone: they exist already at the target (first: %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) did not arrive; first: %2</source>
        <translation>
            <numerusform>%1: %n item did not arrive: %2</numerusform>
            <numerusform>%1: %n items did not arrive; first: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) moved.</source>
        <translation>
            <numerusform>%n object moved.</numerusform>
            <numerusform>%n objects moved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) copied.</source>
        <translation>
            <numerusform>%n object copied.</numerusform>
            <numerusform>%n objects copied.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::TransferStatusWidget</name>
    <message numerus="yes">
        <source>%n active</source>
        <translation>
            <numerusform>%n active</numerusform>
            <numerusform>%n active</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::counttext</name>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln object</numerusform>
            <numerusform>%Ln objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln version(s)</source>
        <translation>
            <numerusform>%Ln version</numerusform>
            <numerusform>%Ln versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln delete marker(s)</source>
        <translation>
            <numerusform>%Ln delete marker</numerusform>
            <numerusform>%Ln delete markers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s)</source>
        <translation>
            <numerusform>%Ln folder</numerusform>
            <numerusform>%Ln folders</numerusform>
        </translation>
    </message>
</context>
</TS>
