<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutBox</name>
    <message>
        <source>Qt %1</source>
        <translation>Qt %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (erstellt mit %2)</translation>
    </message>
    <message>
        <source>A desktop browser for Amazon S3 and S3-compatible storage.</source>
        <translation>Ein Desktop-Browser für Amazon S3 und S3-kompatible Speicher.</translation>
    </message>
    <message>
        <source>Licensed under the Apache License, Version 2.0.</source>
        <translation>Lizenziert unter der Apache License, Version 2.0.</translation>
    </message>
    <message>
        <source>About S3Desk</source>
        <translation>Über S3Desk</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>S3Desk: a desktop browser for Amazon S3 and S3-compatible storage</source>
        <translation>S3Desk: ein Desktop-Browser für Amazon S3 und S3-kompatible Speicher</translation>
    </message>
    <message>
        <source>Open a connection to this S3 endpoint.</source>
        <translation>Eine Verbindung zu diesem S3-Endpunkt öffnen.</translation>
    </message>
    <message>
        <source>Use this profile of ~/.aws/credentials and ~/.aws/config.</source>
        <translation>Dieses Profil aus ~/.aws/credentials und ~/.aws/config verwenden.</translation>
    </message>
    <message>
        <source>Region to sign for.</source>
        <translation>Region, für die signiert wird.</translation>
    </message>
    <message>
        <source>Path-style addressing (http://host/bucket/key).</source>
        <translation>Adressierung im Pfad-Stil (http://host/bucket/key).</translation>
    </message>
    <message>
        <source>Virtual-host addressing (http://bucket.host/key).</source>
        <translation>Adressierung im Virtual-Host-Stil (http://bucket.host/key).</translation>
    </message>
    <message>
        <source>Also trust the CA certificates of this PEM file.</source>
        <translation>Auch den CA-Zertifikaten dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <source>Send unsigned requests (public buckets).</source>
        <translation>Unsignierte Anfragen senden (öffentliche Buckets).</translation>
    </message>
    <message>
        <source>Open this bucket at once.</source>
        <translation>Diesen Bucket sofort öffnen.</translation>
    </message>
    <message>
        <source>...at this prefix (folder).</source>
        <translation>...bei diesem Präfix (Ordner).</translation>
    </message>
    <message>
        <source>Save PNGs of the main views into DIR, then quit.</source>
        <translation>PNG-Bilder der Hauptansichten in DIR speichern, dann beenden.</translation>
    </message>
    <message>
        <source>Keep settings and transfer queues in this folder.</source>
        <translation>Einstellungen und Übertragungswarteschlangen in diesem Ordner speichern.</translation>
    </message>
    <message>
        <source>Show the window and quit once it is up (checks an installation).</source>
        <translation>Das Fenster zeigen und beenden, sobald es offen ist (prüft eine Installation).</translation>
    </message>
    <message>
        <source>An s3://bucket/folder/ link to open (a link to a file selects it).</source>
        <translation>Ein zu öffnender s3://bucket/ordner/-Link (ein Link auf eine Datei wählt sie aus).</translation>
    </message>
    <message>
        <source>s3desk: give at most one s3:// link.</source>
        <translation>s3desk: Geben Sie höchstens einen s3://-Link an.</translation>
    </message>
    <message>
        <source>s3desk: give either --bucket/--prefix or an s3:// link, not both.</source>
        <translation>s3desk: Geben Sie entweder --bucket/--prefix oder einen s3://-Link an, nicht beides.</translation>
    </message>
</context>
<context>
    <name>NameRules</name>
    <message>
        <source>Enter a name.</source>
        <translation>Geben Sie einen Namen ein.</translation>
    </message>
    <message>
        <source>A name cannot contain control characters (such as a tab or a line break).</source>
        <translation>Ein Name darf keine Steuerzeichen enthalten (etwa einen Tabulator oder Zeilenumbruch).</translation>
    </message>
    <message>
        <source>A name cannot contain &apos;/&apos;: drag and drop moves objects into another folder.</source>
        <translation>Ein Name darf kein „/“ enthalten: Ziehen und Ablegen verschiebt Objekte in einen anderen Ordner.</translation>
    </message>
    <message>
        <source>A name cannot start with &apos;/&apos; or have an empty part (&quot;//&quot;).</source>
        <translation>Ein Name darf nicht mit „/“ beginnen oder einen leeren Teil („//“) haben.</translation>
    </message>
    <message>
        <source>&quot;.&quot; and &quot;..&quot; cannot be names: file managers and tools treat them as this folder and its parent.</source>
        <translation>„.“ und „..“ können keine Namen sein: Dateimanager und Werkzeuge verstehen sie als diesen Ordner und seinen übergeordneten Ordner.</translation>
    </message>
    <message>
        <source>The key would be %1 bytes long; S3 allows %2 bytes at most.</source>
        <translation>Der Objektschlüssel wäre %1 Byte lang; S3 erlaubt höchstens %2 Byte.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Beide behalten</translation>
    </message>
    <message>
        <source>its name is empty once made safe for a local file</source>
        <translation>sein Name ist leer, sobald er für eine lokale Datei sicher gemacht ist</translation>
    </message>
</context>
<context>
    <name>S3Location</name>
    <message>
        <source>&quot;%1&quot; is not an s3:// link (s3://bucket/folder/ or s3://bucket/folder/file).</source>
        <translation>„%1“ ist kein s3://-Link (s3://bucket/ordner/ oder s3://bucket/ordner/datei).</translation>
    </message>
    <message>
        <source>The link %1 is not percent-encoded correctly (write a &apos;%&apos; in a name as %25).</source>
        <translation>Der Link %1 ist nicht korrekt prozentkodiert (schreiben Sie ein „%“ in einem Namen als %25).</translation>
    </message>
    <message>
        <source>A location cannot contain control characters.</source>
        <translation>Ein Ort darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The link %1 names no bucket (s3://bucket/folder/).</source>
        <translation>Der Link %1 nennt keinen Bucket (s3://bucket/ordner/).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a bucket name: bucket names have 3 to 63 letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;, and begin and end with a letter or digit.</source>
        <translation>„%1“ ist kein Bucket-Name: Bucket-Namen haben 3 bis 63 Buchstaben, Ziffern, „.“, „-“ und „_“ und beginnen und enden mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>A key has at most 1,024 bytes.</source>
        <translation>Ein Objektschlüssel hat höchstens 1.024 Byte.</translation>
    </message>
    <message>
        <source>Type an S3 location such as s3://bucket/folder/, not a web address.</source>
        <translation>Geben Sie einen S3-Ort wie s3://bucket/ordner/ ein, keine Webadresse.</translation>
    </message>
    <message>
        <source>Type an S3 location such as s3://bucket/folder/.</source>
        <translation>Geben Sie einen S3-Ort wie s3://bucket/ordner/ ein.</translation>
    </message>
    <message>
        <source>A bucket name has at most 63 characters.</source>
        <translation>Ein Bucket-Name hat höchstens 63 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a bucket name: bucket names have letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos; only.</source>
        <translation>„%1“ ist kein Bucket-Name: Bucket-Namen bestehen nur aus Buchstaben, Ziffern, „.“, „-“ und „_“.</translation>
    </message>
</context>
<context>
    <name>TabDrop</name>
    <message>
        <source>Nothing was dragged.</source>
        <translation>Es wurde nichts gezogen.</translation>
    </message>
    <message>
        <source>That tab shows no bucket: open a folder in it first.</source>
        <translation>Dieser Tab zeigt keinen Bucket: Öffnen Sie darin zuerst einen Ordner.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be copied or moved into itself.</source>
        <translation>Der Ordner %1 kann nicht in sich selbst kopiert oder verschoben werden.</translation>
    </message>
    <message>
        <source>That tab shows the folder the items are in already.</source>
        <translation>Dieser Tab zeigt bereits den Ordner, in dem die Einträge liegen.</translation>
    </message>
</context>
<context>
    <name>s3ui::BandwidthLimitButton</name>
    <message>
        <source>Upload limit</source>
        <translation>Upload-Limit</translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation>Download-Limit</translation>
    </message>
    <message>
        <source>No bandwidth limit</source>
        <translation>Kein Bandbreitenlimit</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Bandwidth limit for all transfers together: upload %1, download %2. Click to change.</source>
        <translation>Bandbreitenlimit für alle Übertragungen zusammen: Upload %1, Download %2. Zum Ändern klicken.</translation>
    </message>
</context>
<context>
    <name>s3ui::BreadcrumbBar</name>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>More levels</source>
        <translation>Weitere Ebenen</translation>
    </message>
</context>
<context>
    <name>s3ui::BrowserTabBar</name>
    <message>
        <source>Tabs</source>
        <translation>Tabs</translation>
    </message>
</context>
<context>
    <name>s3ui::BrowserView</name>
    <message>
        <source>Filter by name</source>
        <translation>Nach Name filtern</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>s3://bucket/folder/</source>
        <translation>s3://bucket/ordner/</translation>
    </message>
    <message>
        <source>Type a location and press Enter (Escape: back to the breadcrumbs)</source>
        <translation>Geben Sie einen Ort ein und drücken Sie die Eingabetaste (Escape: zurück zur Pfadleiste)</translation>
    </message>
    <message>
        <source>Show versions</source>
        <translation>Versionen zeigen</translation>
    </message>
    <message>
        <source>Show the versions and delete markers of this folder</source>
        <translation>Die Versionen und Löschmarkierungen dieses Ordners zeigen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Vorwärts</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open with…</source>
        <translation>Öffnen mit…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit a copy in its program; changes are offered for upload</source>
        <translation>Eine Kopie in ihrem Programm bearbeiten; Änderungen werden zum Hochladen angeboten</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Upload files…</source>
        <translation>Dateien hochladen…</translation>
    </message>
    <message>
        <source>Upload folder…</source>
        <translation>Ordner hochladen…</translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation>Neuer Ordner…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Copy presigned link…</source>
        <translation>Vorsignierten Link kopieren…</translation>
    </message>
    <message>
        <source>Properties…</source>
        <translation>Eigenschaften…</translation>
    </message>
    <message>
        <source>Go to location…</source>
        <translation>Zu Ort wechseln…</translation>
    </message>
    <message>
        <source>Incomplete uploads…</source>
        <translation>Unvollständige Uploads…</translation>
    </message>
    <message>
        <source>Make public…</source>
        <translation>Öffentlich machen…</translation>
    </message>
    <message>
        <source>Make private…</source>
        <translation>Privat machen…</translation>
    </message>
    <message>
        <source>Change storage class…</source>
        <translation>Speicherklasse ändern…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <source>Look at the selected file without downloading it (Space)</source>
        <translation>Die ausgewählte Datei ansehen, ohne sie herunterzuladen (Leertaste)</translation>
    </message>
    <message>
        <source>Close Quick look</source>
        <translation>Schnellansicht schließen</translation>
    </message>
    <message>
        <source>Select a file to look at it.</source>
        <translation>Wählen Sie eine Datei aus, um sie anzusehen.</translation>
    </message>
    <message>
        <source>A folder: open it (Enter) to see what is in it.</source>
        <translation>Ein Ordner: Öffnen Sie ihn (Eingabetaste), um seinen Inhalt zu sehen.</translation>
    </message>
    <message>
        <source>Copy s3:// URI</source>
        <translation>s3://-URI kopieren</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Objektschlüssel kopieren</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>%1 URIs</source>
        <translation>%1 URIs</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 Objektschlüssel</translation>
    </message>
    <message>
        <source>You do not have permission to list %1 (%2).

The connection&apos;s key may still read or write objects whose names you know: type a location with Ctrl+L. To list this folder, the key needs s3:ListBucket on the bucket; ask its owner.</source>
        <translation>Sie haben keine Berechtigung, %1 aufzulisten (%2).

Der Schlüssel der Verbindung kann trotzdem Objekte lesen oder schreiben, deren Namen Sie kennen: Geben Sie einen Ort mit Strg+L ein. Um diesen Ordner aufzulisten, braucht der Schlüssel s3:ListBucket für den Bucket; fragen Sie dessen Eigentümer.</translation>
    </message>
    <message>
        <source>HTTP 403</source>
        <translation>HTTP 403</translation>
    </message>
    <message>
        <source>The bucket %1 does not exist (NoSuchBucket): it was deleted, or the name is mistyped.

Choose another bucket on the left (Refresh bucket list shows what exists now), or type a location with Ctrl+L.</source>
        <translation>Der Bucket %1 existiert nicht (NoSuchBucket): Er wurde gelöscht, oder der Name ist falsch geschrieben.

Wählen Sie links einen anderen Bucket (Bucket-Liste aktualisieren zeigt, was jetzt existiert), oder geben Sie einen Ort mit Strg+L ein.</translation>
    </message>
    <message>
        <source>Listing %1 failed: %2

Press F5 to try again.</source>
        <translation>Das Auflisten von %1 ist fehlgeschlagen: %2

Drücken Sie F5, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>%1 is not in this folder.</source>
        <translation>%1 ist nicht in diesem Ordner.</translation>
    </message>
    <message>
        <source>1 version or folder</source>
        <translation>1 Version oder Ordner</translation>
    </message>
    <message>
        <source>%1 versions and folders</source>
        <translation>%1 Versionen und Ordner</translation>
    </message>
    <message>
        <source>Listing versions…</source>
        <translation>Versionen werden aufgelistet…</translation>
    </message>
    <message>
        <source>%1 shown; more load as you scroll</source>
        <translation>%1 angezeigt; beim Blättern wird mehr geladen</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <source>Listing failed</source>
        <translation>Auflisten fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sorting and filtering %1…</source>
        <translation>%1 wird sortiert und gefiltert…</translation>
    </message>
    <message>
        <source>%1 loaded…</source>
        <translation>%1 geladen…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <source>%1: done. %2</source>
        <translation>%1: fertig. %2</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>in %1 — this cannot be undone.</source>
        <translation>in %1 – das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Counting stopped: %1. At least this much would be deleted.</source>
        <translation>Zählen abgebrochen: %1. Mindestens so viel würde gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln object(s)</source>
        <translation>
            <numerusform>%Ln Objekt wird gelöscht</numerusform>
            <numerusform>%Ln Objekte werden gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n item(s)</source>
        <translation>
            <numerusform>%n Eintrag wird gelöscht</numerusform>
            <numerusform>%n Einträge werden gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s) and everything in them</source>
        <translation>
            <numerusform>%n Ordner mit seinem gesamten Inhalt</numerusform>
            <numerusform>%n Ordner mit ihrem gesamten Inhalt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 and everything in them</source>
        <translation>%1 und %2 mit ihrem gesamten Inhalt</translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n Ordner</numerusform>
            <numerusform>%n Ordner</numerusform>
        </translation>
    </message>
    <message>
        <source>Make public</source>
        <translation>Öffentlich machen</translation>
    </message>
    <message>
        <source>Make private</source>
        <translation>Privat machen</translation>
    </message>
    <message>
        <source>Make %1 public?</source>
        <translation>%1 öffentlich machen?</translation>
    </message>
    <message>
        <source>Make %1 private?</source>
        <translation>%1 privat machen?</translation>
    </message>
    <message>
        <source>Anyone who knows the address can then read them, without signing in. Their other grants are replaced.</source>
        <translation>Dann kann jeder, der die Adresse kennt, sie ohne Anmeldung lesen. Ihre übrigen Berechtigungen werden ersetzt.</translation>
    </message>
    <message>
        <source>Only the owner can then read them. Grants to other users or groups are removed.</source>
        <translation>Dann kann nur der Eigentümer sie lesen. Berechtigungen für andere Benutzer oder Gruppen werden entfernt.</translation>
    </message>
    <message numerus="yes">
        <source>Making %n item(s) private</source>
        <translation>
            <numerusform>%n Eintrag wird privat gemacht</numerusform>
            <numerusform>%n Einträge werden privat gemacht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making %n item(s) public</source>
        <translation>
            <numerusform>%n Eintrag wird öffentlich gemacht</numerusform>
            <numerusform>%n Einträge werden öffentlich gemacht</numerusform>
        </translation>
    </message>
    <message>
        <source>Change storage class</source>
        <translation>Speicherklasse ändern</translation>
    </message>
    <message>
        <source>Storage class for %1:</source>
        <translation>Speicherklasse für %1:</translation>
    </message>
    <message>
        <source>Storage class for %1 (now %2):</source>
        <translation>Speicherklasse für %1 (jetzt %2):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a storage class name: use letters, digits and &apos;_&apos; (for example STANDARD_IA).</source>
        <translation>„%1“ ist kein Name einer Speicherklasse: Verwenden Sie Buchstaben, Ziffern und „_“ (zum Beispiel STANDARD_IA).</translation>
    </message>
    <message>
        <source>Change the storage class of %1 to %2?</source>
        <translation>Die Speicherklasse von %1 in %2 ändern?</translation>
    </message>
    <message>
        <source>Each object is copied onto itself in the new class; its metadata, tags, encryption and permissions are kept. Objects already in %1 are left alone.</source>
        <translation>Jedes Objekt wird in der neuen Klasse auf sich selbst kopiert; Metadaten, Tags, Verschlüsselung und Berechtigungen bleiben erhalten. Objekte, die schon in %1 sind, bleiben unverändert.</translation>
    </message>
    <message>
        <source>On Amazon S3, objects in %1 cannot be downloaded until they are restored (Restore…), which takes hours.</source>
        <translation>Bei Amazon S3 können Objekte in %1 erst heruntergeladen werden, wenn sie wiederhergestellt sind (Wiederherstellen…); das dauert Stunden.</translation>
    </message>
    <message numerus="yes">
        <source>Changing %n item(s) to %1</source>
        <translation>
            <numerusform>%n Eintrag wird auf %1 umgestellt</numerusform>
            <numerusform>%n Einträge werden auf %1 umgestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1… 1 object done</source>
        <translation>%1… 1 Objekt erledigt</translation>
    </message>
    <message>
        <source>%1… %2 objects done</source>
        <translation>%1… %2 Objekte erledigt</translation>
    </message>
    <message numerus="yes">
        <source>Requesting the restore of %n file(s)</source>
        <translation>
            <numerusform>Wiederherstellung von %n Datei wird angefordert</numerusform>
            <numerusform>Wiederherstellung von %n Dateien wird angefordert</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>New name for the folder (every object in it is copied, then deleted):</source>
        <translation>Neuer Name des Ordners (jedes Objekt darin wird kopiert und dann gelöscht):</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already exists in this folder.</source>
        <translation>„%1“ existiert in diesem Ordner bereits.</translation>
    </message>
    <message>
        <source>Cannot rename %1: %2</source>
        <translation>%1 kann nicht umbenannt werden: %2</translation>
    </message>
    <message>
        <source>Renaming %1 to %2</source>
        <translation>%1 wird in %2 umbenannt</translation>
    </message>
    <message numerus="yes">
        <source>%n large file(s) are moved in the transfer queue (copied in parts; pause and resume work there).</source>
        <translation>
            <numerusform>%n große Datei wird in der Übertragungswarteschlange verschoben (in Teilen kopiert; Anhalten und Fortsetzen funktionieren dort).</numerusform>
            <numerusform>%n große Dateien werden in der Übertragungswarteschlange verschoben (in Teilen kopiert; Anhalten und Fortsetzen funktionieren dort).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large file(s) continue in the transfers panel (copied in parts; pause and resume work there).</source>
        <translation>
            <numerusform>%n große Datei geht im Übertragungsbereich weiter (in Teilen kopiert; Anhalten und Fortsetzen funktionieren dort).</numerusform>
            <numerusform>%n große Dateien gehen im Übertragungsbereich weiter (in Teilen kopiert; Anhalten und Fortsetzen funktionieren dort).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n item(s) to %1</source>
        <translation>
            <numerusform>%n Eintrag wird nach %1 verschoben</numerusform>
            <numerusform>%n Einträge werden nach %1 verschoben</numerusform>
        </translation>
    </message>
    <message>
        <source>the bucket root</source>
        <translation>die oberste Ebene des Buckets</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Name of the new folder in s3://%1/%2 (a/b makes both):</source>
        <translation>Name des neuen Ordners in s3://%1/%2 (a/b legt beide an):</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2</source>
        <translation>Der Ordner %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Creating folder %1</source>
        <translation>Ordner %1 wird angelegt</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the upload of %n item(s)…</source>
        <translation>
            <numerusform>Upload von %n Eintrag wird vorbereitet…</numerusform>
            <numerusform>Upload von %n Einträgen wird vorbereitet…</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload to s3://%1/%2</source>
        <translation>Nach s3://%1/%2 hochladen</translation>
    </message>
    <message>
        <source>Files exist already</source>
        <translation>Dateien existieren bereits</translation>
    </message>
    <message>
        <source>s3://%1/%2 exists already.</source>
        <translation>s3://%1/%2 existiert bereits.</translation>
    </message>
    <message>
        <source>%1 of the %2 files exist already in s3://%3 (first: %4).</source>
        <translation>%1 der %2 Dateien existieren bereits in s3://%3 (erste: %4).</translation>
    </message>
    <message>
        <source>Overwrite them, skip them, or keep both (the new ones get a &quot; (1)&quot; name)?</source>
        <translation>Überschreiben, überspringen oder beide behalten (die neuen bekommen einen Namen mit „ (1)“)?</translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) queued</source>
        <translation>
            <numerusform>%n Upload in der Warteschlange</numerusform>
            <numerusform>%n Uploads in der Warteschlange</numerusform>
        </translation>
    </message>
    <message>
        <source>Files exist or are being downloaded</source>
        <translation>Dateien existieren oder werden gerade heruntergeladen</translation>
    </message>
    <message>
        <source>%1 is already being downloaded by another transfer.</source>
        <translation>%1 wird bereits von einer anderen Übertragung heruntergeladen.</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 existiert bereits.</translation>
    </message>
    <message>
        <source>%1 of the %2 items exist already in %3 or are being downloaded there (first: %4).</source>
        <translation>%1 der %2 Einträge existieren bereits in %3 oder werden gerade dorthin heruntergeladen (erster: %4).</translation>
    </message>
    <message>
        <source>Overwrite them (a download in progress there is replaced), skip them, or keep both (the new ones get a &quot; (1)&quot; name)?</source>
        <translation>Überschreiben (ein laufender Download dorthin wird ersetzt), überspringen oder beide behalten (die neuen bekommen einen Namen mit „ (1)“)?</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) queued</source>
        <translation>
            <numerusform>%n Download in der Warteschlange</numerusform>
            <numerusform>%n Downloads in der Warteschlange</numerusform>
        </translation>
    </message>
    <message>
        <source>Download from s3://%1</source>
        <translation>Von s3://%1 herunterladen</translation>
    </message>
    <message>
        <source>no safe local name under the chosen folder, or another transfer writes there</source>
        <translation>kein sicherer lokaler Name im gewählten Ordner, oder eine andere Übertragung schreibt dorthin</translation>
    </message>
    <message>
        <source>listing s3://%1/%2 failed: %3</source>
        <translation>Auflisten von s3://%1/%2 fehlgeschlagen: %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n file(s) queued.</source>
        <translation>
            <numerusform>%1: %n Datei in der Warteschlange.</numerusform>
            <numerusform>%1: %n Dateien in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n download(s) queued.</source>
        <translation>
            <numerusform>%1: %n Download in der Warteschlange.</numerusform>
            <numerusform>%1: %n Downloads in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left out (also listed as failed in the transfers):</source>
        <translation>
            <numerusform>%n Eintrag ausgelassen (auch als fehlgeschlagen bei den Übertragungen aufgeführt):</numerusform>
            <numerusform>%n Einträge ausgelassen (auch als fehlgeschlagen bei den Übertragungen aufgeführt):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … und %n weiterer</numerusform>
            <numerusform>  … und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Dragging out %1 failed: %2</source>
        <translation>Herausziehen von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 was not dragged out: it is encrypted with a customer key (SSE-C), and none was given.</source>
        <translation>%1 wurde nicht herausgezogen: Es ist mit einem Kundenschlüssel (SSE-C) verschlüsselt, und keiner wurde angegeben.</translation>
    </message>
    <message>
        <source>The customer key for %1 is kept for this session: drag it out again.</source>
        <translation>Der Kundenschlüssel für %1 bleibt für diese Sitzung gespeichert: Ziehen Sie es erneut heraus.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) ready to drop</source>
        <translation>
            <numerusform>%n Datei bereit zum Ablegen</numerusform>
            <numerusform>%n Dateien bereit zum Ablegen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n file(s) for the drop…</source>
        <translation>
            <numerusform>%n Datei wird zum Ablegen heruntergeladen…</numerusform>
            <numerusform>%n Dateien werden zum Ablegen heruntergeladen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dropped before %n file(s) finished downloading; they were not handed over: %1. Drag them again once the status bar says they are ready, or use Download….</source>
        <translation>
            <numerusform>Abgelegt, bevor %n Datei fertig heruntergeladen war; sie wurde nicht übergeben: %1. Ziehen Sie sie erneut, sobald die Statusleiste meldet, dass sie bereit ist, oder verwenden Sie Herunterladen….</numerusform>
            <numerusform>Abgelegt, bevor %n Dateien fertig heruntergeladen waren; sie wurden nicht übergeben: %1. Ziehen Sie sie erneut, sobald die Statusleiste meldet, dass sie bereit sind, oder verwenden Sie Herunterladen….</numerusform>
        </translation>
    </message>
    <message>
        <source>Download to folder</source>
        <translation>In Ordner herunterladen</translation>
    </message>
    <message>
        <source>Upload files to s3://%1/%2</source>
        <translation>Dateien nach s3://%1/%2 hochladen</translation>
    </message>
    <message>
        <source>Upload a folder to s3://%1/%2</source>
        <translation>Einen Ordner nach s3://%1/%2 hochladen</translation>
    </message>
    <message>
        <source>Synchronize…</source>
        <translation>Synchronisieren…</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Find objects in this folder and every folder below it, by name, size or date</source>
        <translation>Objekte in diesem Ordner und allen Ordnern darunter suchen, nach Name, Größe oder Datum</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Open the folder of this search result and select it there</source>
        <translation>Den Ordner dieses Suchergebnisses öffnen und es dort auswählen</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 Objektschlüssel</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1 gefunden</translation>
    </message>
    <message>
        <source>%1 of %2 found</source>
        <translation>%1 von %2 gefunden</translation>
    </message>
    <message>
        <source>Search failed: %1 in %2</source>
        <translation>Suche fehlgeschlagen: %1, %2 durchsucht</translation>
    </message>
    <message>
        <source>%1, %2 searched…</source>
        <translation>%1, %2 durchsucht…</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1, %2 durchsucht</translation>
    </message>
</context>
<context>
    <name>s3ui::BucketListModel</name>
    <message>
        <source>Created %1</source>
        <translation>Angelegt: %1</translation>
    </message>
    <message>
        <source>Bucket named by the connection</source>
        <translation>Von der Verbindung genannter Bucket</translation>
    </message>
</context>
<context>
    <name>s3ui::BucketVersioningDialog</name>
    <message>
        <source>Enable versioning…</source>
        <translation>Versionierung einschalten…</translation>
    </message>
    <message>
        <source>Suspend versioning…</source>
        <translation>Versionierung aussetzen…</translation>
    </message>
    <message>
        <source>Versioning – %1</source>
        <translation>Versionierung – %1</translation>
    </message>
    <message>
        <source>Reading the versioning status of %1…</source>
        <translation>Der Versionierungsstatus von %1 wird gelesen…</translation>
    </message>
    <message>
        <source>Versioning of %1 is enabled: every overwrite and delete keeps the previous version.</source>
        <translation>Die Versionierung von %1 ist eingeschaltet: Jedes Überschreiben und Löschen behält die vorige Version.</translation>
    </message>
    <message>
        <source>Versioning of %1 is suspended: new writes replace the current object; the versions kept so far stay.</source>
        <translation>Die Versionierung von %1 ist ausgesetzt: Neue Schreibvorgänge ersetzen das aktuelle Objekt; die bisher behaltenen Versionen bleiben.</translation>
    </message>
    <message>
        <source>Versioning of %1 was never enabled: an overwrite or delete loses the previous data.</source>
        <translation>Die Versionierung von %1 war nie eingeschaltet: Beim Überschreiben oder Löschen gehen die vorigen Daten verloren.</translation>
    </message>
    <message>
        <source>Cannot read the versioning status: %1</source>
        <translation>Der Versionierungsstatus kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The versioning status of %1 is unknown.</source>
        <translation>Der Versionierungsstatus von %1 ist unbekannt.</translation>
    </message>
    <message>
        <source>Enable versioning</source>
        <translation>Versionierung einschalten</translation>
    </message>
    <message>
        <source>Suspend versioning</source>
        <translation>Versionierung aussetzen</translation>
    </message>
    <message>
        <source>Enable versioning of %1?</source>
        <translation>Versionierung von %1 einschalten?</translation>
    </message>
    <message>
        <source>Suspend versioning of %1?</source>
        <translation>Versionierung von %1 aussetzen?</translation>
    </message>
    <message>
        <source>Every overwrite and delete will keep the previous version, which is stored (and billed) until it is deleted. A bucket cannot go back to never versioned; it can only be suspended later.</source>
        <translation>Jedes Überschreiben und Löschen behält dann die vorige Version, die gespeichert (und berechnet) wird, bis sie gelöscht wird. Ein Bucket kann nicht zu „nie versioniert“ zurückkehren; die Versionierung kann später nur ausgesetzt werden.</translation>
    </message>
    <message>
        <source>New writes will replace the current object without keeping it. The versions kept so far stay until they are deleted.</source>
        <translation>Neue Schreibvorgänge ersetzen dann das aktuelle Objekt, ohne es zu behalten. Die bisher behaltenen Versionen bleiben, bis sie gelöscht werden.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Einschalten</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Aussetzen</translation>
    </message>
    <message>
        <source>Changing the versioning failed: %1</source>
        <translation>Das Ändern der Versionierung ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionDialog</name>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>My storage</source>
        <translation>Mein Speicher</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL:</source>
        <translation>&amp;Endpunkt-URL:</translation>
    </message>
    <message>
        <source>us-east-1 (default)</source>
        <translation>us-east-1 (Standard)</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Path style (https://host/bucket)</source>
        <translation>Pfad-Stil (https://host/bucket)</translation>
    </message>
    <message>
        <source>Virtual host (https://bucket.host)</source>
        <translation>Virtual-Host-Stil (https://bucket.host)</translation>
    </message>
    <message>
        <source>&amp;Addressing:</source>
        <translation>&amp;Adressierung:</translation>
    </message>
    <message>
        <source>empty: anonymous (public buckets)</source>
        <translation>leer: anonym (öffentliche Buckets)</translation>
    </message>
    <message>
        <source>Access &amp;key:</source>
        <translation>&amp;Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>empty: ask when connecting</source>
        <translation>leer: beim Verbinden fragen</translation>
    </message>
    <message>
        <source>&amp;Secret key:</source>
        <translation>&amp;Geheimer Schlüssel:</translation>
    </message>
    <message>
        <source>optional: PEM file for a self-signed server</source>
        <translation>optional: PEM-Datei für einen selbstsignierten Server</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>optional: open this bucket directly</source>
        <translation>optional: diesen Bucket direkt öffnen</translation>
    </message>
    <message>
        <source>B&amp;ucket:</source>
        <translation>B&amp;ucket:</translation>
    </message>
    <message>
        <source>optional: folder inside the bucket</source>
        <translation>optional: Ordner im Bucket</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>&amp;Präfix:</translation>
    </message>
    <message>
        <source>No system keychain: the secret will be asked for each time.</source>
        <translation>Kein Schlüsselbund im System: Der geheime Schlüssel wird jedes Mal abgefragt.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Edit connection %1</source>
        <translation>Verbindung %1 bearbeiten</translation>
    </message>
    <message>
        <source>unchanged (type to replace)</source>
        <translation>unverändert (zum Ersetzen eintippen)</translation>
    </message>
    <message>
        <source>A secret key needs its access key: enter the access key too.</source>
        <translation>Ein geheimer Schlüssel braucht seinen Zugriffsschlüssel: Geben Sie auch den Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>The connection list is gone; close this dialog.</source>
        <translation>Die Verbindungsliste ist nicht mehr da; schließen Sie diesen Dialog.</translation>
    </message>
    <message>
        <source>. Save again to keep the secret for this session only (it will be asked for each time S3Desk starts).</source>
        <translation>. Speichern Sie erneut, um den geheimen Schlüssel nur für diese Sitzung zu behalten (er wird bei jedem Start von S3Desk abgefragt).</translation>
    </message>
    <message>
        <source>Enter the secret key to test the connection.</source>
        <translation>Geben Sie den geheimen Schlüssel ein, um die Verbindung zu testen.</translation>
    </message>
    <message>
        <source>Reading the secret key from the keychain…</source>
        <translation>Der geheime Schlüssel wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>No secret key is stored: enter it to test.</source>
        <translation>Kein geheimer Schlüssel gespeichert: Geben Sie ihn zum Testen ein.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>CA certificate (PEM)</source>
        <translation>CA-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Zertifikate (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionList</name>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Neue Verbindung…</translation>
    </message>
    <message>
        <source>Add a connection</source>
        <translation>Eine Verbindung hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected connection</source>
        <translation>Die ausgewählte Verbindung bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected connection</source>
        <translation>Die ausgewählte Verbindung löschen</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Test the selected connection</source>
        <translation>Die ausgewählte Verbindung testen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Connect to the selected connection</source>
        <translation>Mit der ausgewählten Verbindung verbinden</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>No connections yet.

Add one for Amazon S3 or any S3-compatible server (Ceph, MinIO, …). Your AWS profiles (~/.aws/config and ~/.aws/credentials) appear here too.</source>
        <translation>Noch keine Verbindungen.

Fügen Sie eine für Amazon S3 oder einen S3-kompatiblen Server (Ceph, MinIO, …) hinzu. Ihre AWS-Profile (~/.aws/config und ~/.aws/credentials) erscheinen hier ebenfalls.</translation>
    </message>
    <message>
        <source>&amp;Add a connection…</source>
        <translation>Verbindung &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Verbindung löschen</translation>
    </message>
    <message>
        <source>Delete the connection &quot;%1&quot;?</source>
        <translation>Die Verbindung „%1“ löschen?</translation>
    </message>
    <message>
        <source>Its secret key is removed from the system keychain too. Objects on the server are not touched.</source>
        <translation>Ihr geheimer Schlüssel wird auch aus dem Schlüsselbund des Systems entfernt. Objekte auf dem Server bleiben unberührt.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>%1 wird getestet…</translation>
    </message>
    <message>
        <source>Test cancelled: no secret key entered.</source>
        <translation>Test abgebrochen: kein geheimer Schlüssel eingegeben.</translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionListModel</name>
    <message>
        <source>Opened from the command line</source>
        <translation>Von der Befehlszeile geöffnet</translation>
    </message>
    <message>
        <source>AWS profiles (read-only)</source>
        <translation>AWS-Profile (schreibgeschützt)</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>Gespeicherte Verbindungen</translation>
    </message>
    <message>
        <source>Connections given on the command line; they are not saved.</source>
        <translation>Auf der Befehlszeile angegebene Verbindungen; sie werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>Profiles of ~/.aws/credentials and ~/.aws/config. S3Desk reads them and never edits them.</source>
        <translation>Profile aus ~/.aws/credentials und ~/.aws/config. S3Desk liest sie und bearbeitet sie nie.</translation>
    </message>
    <message>
        <source>Your own connections (the secret keys are kept in the system keychain).</source>
        <translation>Ihre eigenen Verbindungen (die geheimen Schlüssel liegen im Schlüsselbund des Systems).</translation>
    </message>
    <message>
        <source>Connected; opened from the command line, not saved</source>
        <translation>Verbunden; von der Befehlszeile geöffnet, nicht gespeichert</translation>
    </message>
    <message>
        <source>Opened from the command line, not saved</source>
        <translation>Von der Befehlszeile geöffnet, nicht gespeichert</translation>
    </message>
    <message>
        <source>Connected
</source>
        <translation>Verbunden
</translation>
    </message>
    <message>
        <source>Connected, </source>
        <translation>Verbunden, </translation>
    </message>
    <message>
        <source>AWS profile, read-only</source>
        <translation>AWS-Profil, schreibgeschützt</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>Gespeicherte Verbindung</translation>
    </message>
    <message>
        <source>Amazon S3</source>
        <translation>Amazon S3</translation>
    </message>
    <message>
        <source>Access key: %1</source>
        <translation>Zugriffsschlüssel: %1</translation>
    </message>
    <message>
        <source>Anonymous (no access key)</source>
        <translation>Anonym (kein Zugriffsschlüssel)</translation>
    </message>
    <message>
        <source>Opens bucket %1</source>
        <translation>Öffnet Bucket %1</translation>
    </message>
    <message>
        <source>AWS profile from ~/.aws/credentials or ~/.aws/config: read-only, S3Desk does not edit these files.</source>
        <translation>AWS-Profil aus ~/.aws/credentials oder ~/.aws/config: schreibgeschützt, S3Desk bearbeitet diese Dateien nicht.</translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionProfile</name>
    <message>
        <source>Enter a name for the connection.</source>
        <translation>Geben Sie einen Namen für die Verbindung ein.</translation>
    </message>
    <message>
        <source>Enter the endpoint URL (http:// or https://, e.g. https://s3.eu-west-1.amazonaws.com).</source>
        <translation>Geben Sie die Endpunkt-URL ein (http:// oder https://, z. B. https://s3.eu-west-1.amazonaws.com).</translation>
    </message>
    <message>
        <source>Remove the user name and password from the endpoint URL: enter the keys in their fields.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der Endpunkt-URL: Geben Sie die Schlüssel in ihren Feldern ein.</translation>
    </message>
    <message>
        <source>The region may not contain spaces (e.g. us-east-1).</source>
        <translation>Die Region darf keine Leerzeichen enthalten (z. B. us-east-1).</translation>
    </message>
    <message>
        <source>The access key may not contain spaces.</source>
        <translation>Der Zugriffsschlüssel darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The CA file %1 does not exist: choose a PEM file.</source>
        <translation>Die CA-Datei %1 existiert nicht: Wählen Sie eine PEM-Datei.</translation>
    </message>
    <message>
        <source>The bucket name may not contain &apos;/&apos; or spaces (put folders into the prefix).</source>
        <translation>Der Bucket-Name darf kein „/“ und keine Leerzeichen enthalten (Ordner gehören ins Präfix).</translation>
    </message>
    <message>
        <source>A prefix needs a bucket: enter the bucket too.</source>
        <translation>Ein Präfix braucht einen Bucket: Geben Sie auch den Bucket ein.</translation>
    </message>
    <message>
        <source>No secret key for the connection %1: enter it to connect</source>
        <translation>Kein geheimer Schlüssel für die Verbindung %1: Geben Sie ihn zum Verbinden ein</translation>
    </message>
    <message>
        <source>connection &apos;%1&apos;</source>
        <translation>Verbindung „%1“</translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionStore</name>
    <message>
        <source>The connection %1 is not a saved connection (AWS profiles are edited in ~/.aws/config and ~/.aws/credentials)</source>
        <translation>Die Verbindung %1 ist keine gespeicherte Verbindung (AWS-Profile werden in ~/.aws/config und ~/.aws/credentials bearbeitet)</translation>
    </message>
    <message>
        <source>Cannot write the connection settings to %1: check that the folder exists and is writable</source>
        <translation>Die Verbindungseinstellungen können nicht nach %1 geschrieben werden: Prüfen Sie, ob der Ordner existiert und beschreibbar ist</translation>
    </message>
</context>
<context>
    <name>s3ui::ConnectionTester</name>
    <message>
        <source>the connection has no settings</source>
        <translation>die Verbindung hat keine Einstellungen</translation>
    </message>
    <message>
        <source>no client to test</source>
        <translation>kein Client zum Testen</translation>
    </message>
    <message>
        <source> Note: %1; S3Desk signs with the server&apos;s time, but fix the system time.</source>
        <translation> Hinweis: %1; S3Desk signiert mit der Zeit des Servers, aber korrigieren Sie die Systemzeit.</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n bucket(s).</source>
        <translation>
            <numerusform>Verbunden: %n Bucket.</numerusform>
            <numerusform>Verbunden: %n Buckets.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected: bucket &apos;%1&apos; can be listed.</source>
        <translation>Verbunden: Bucket „%1“ kann aufgelistet werden.</translation>
    </message>
    <message>
        <source>request id %1</source>
        <translation>Anfrage-ID %1</translation>
    </message>
    <message>
        <source>your clock differs from the server&apos;s by more than the 15 minutes S3 allows</source>
        <translation>Ihre Uhr weicht um mehr als die 15 Minuten, die S3 erlaubt, von der des Servers ab</translation>
    </message>
    <message numerus="yes">
        <source>your clock is %n minute(s) off (ahead of the server)</source>
        <translation>
            <numerusform>Ihre Uhr geht %n Minute falsch (vor gegenüber dem Server)</numerusform>
            <numerusform>Ihre Uhr geht %n Minuten falsch (vor gegenüber dem Server)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>your clock is %n minute(s) off (behind the server)</source>
        <translation>
            <numerusform>Ihre Uhr geht %n Minute falsch (nach gegenüber dem Server)</numerusform>
            <numerusform>Ihre Uhr geht %n Minuten falsch (nach gegenüber dem Server)</numerusform>
        </translation>
    </message>
    <message>
        <source>Access denied%1: these keys may not list bucket &apos;%2&apos;. Check the bucket name (it may belong to another user), or ask the administrator for s3:ListBucket on it.</source>
        <translation>Zugriff verweigert%1: Diese Schlüssel dürfen den Bucket „%2“ nicht auflisten. Prüfen Sie den Bucket-Namen (er kann einem anderen Benutzer gehören), oder bitten Sie den Administrator um s3:ListBucket dafür.</translation>
    </message>
    <message>
        <source>Wrong secret key%1: the server rejected the request signature. Check the secret key that belongs to this access key.</source>
        <translation>Falscher geheimer Schlüssel%1: Der Server hat die Signatur der Anfrage abgelehnt. Prüfen Sie den geheimen Schlüssel, der zu diesem Zugriffsschlüssel gehört.</translation>
    </message>
    <message>
        <source>Unknown access key%1: the server does not know this access key. Check the access key, and that the endpoint URL points to the right server.</source>
        <translation>Unbekannter Zugriffsschlüssel%1: Der Server kennt diesen Zugriffsschlüssel nicht. Prüfen Sie den Zugriffsschlüssel und ob die Endpunkt-URL auf den richtigen Server zeigt.</translation>
    </message>
    <message>
        <source>Expired session token%1: the temporary credentials have run out. Refresh them (for example with aws sso login) and connect again.</source>
        <translation>Abgelaufenes Sitzungstoken%1: Die temporären Anmeldedaten sind abgelaufen. Erneuern Sie sie (zum Beispiel mit aws sso login) und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>Invalid session token%1: check the session token, or remove it if the keys are not temporary.</source>
        <translation>Ungültiges Sitzungstoken%1: Prüfen Sie das Sitzungstoken, oder entfernen Sie es, wenn die Schlüssel nicht temporär sind.</translation>
    </message>
    <message>
        <source>IAM Identity Center (SSO) sign-in needed: %1</source>
        <translation>Anmeldung bei IAM Identity Center (SSO) nötig: %1</translation>
    </message>
    <message>
        <source>Clock skew%1: %2; fix the system time (turn on automatic time synchronisation, NTP) and try again.</source>
        <translation>Uhrzeitabweichung%1: %2; korrigieren Sie die Systemzeit (automatische Zeitsynchronisation, NTP, einschalten) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Access denied%1: the keys are valid but lack permission for this request. If they are limited to one bucket, enter that bucket in the connection&apos;s Bucket field; otherwise ask the administrator for s3:ListAllMyBuckets or s3:ListBucket.</source>
        <translation>Zugriff verweigert%1: Die Schlüssel sind gültig, haben aber keine Berechtigung für diese Anfrage. Wenn sie auf einen Bucket beschränkt sind, tragen Sie diesen Bucket im Feld Bucket der Verbindung ein; andernfalls bitten Sie den Administrator um s3:ListAllMyBuckets oder s3:ListBucket.</translation>
    </message>
    <message>
        <source>No such bucket%1: %2 does not exist on this server. Check the bucket name, the endpoint URL and the region.</source>
        <translation>Bucket nicht gefunden%1: %2 existiert auf diesem Server nicht. Prüfen Sie den Bucket-Namen, die Endpunkt-URL und die Region.</translation>
    </message>
    <message>
        <source>the bucket</source>
        <translation>der Bucket</translation>
    </message>
    <message>
        <source>bucket &apos;%1&apos;</source>
        <translation>Bucket „%1“</translation>
    </message>
    <message>
        <source>Wrong region or endpoint%1: %2</source>
        <translation>Falsche Region oder falscher Endpunkt%1: %2</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Verbunden.</translation>
    </message>
    <message>
        <source>The connection test was cancelled.</source>
        <translation>Der Verbindungstest wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1. Check the host and port of the endpoint URL, and that the server is running.</source>
        <translation>Der Server ist nicht erreichbar: %1. Prüfen Sie Host und Port der Endpunkt-URL und ob der Server läuft.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1. Check the host name in the endpoint URL and the network (DNS) settings.</source>
        <translation>Der Server ist nicht erreichbar: %1. Prüfen Sie den Hostnamen in der Endpunkt-URL und die Netzwerkeinstellungen (DNS).</translation>
    </message>
    <message>
        <source>Network error: %1. Check the network connection and the endpoint URL.</source>
        <translation>Netzwerkfehler: %1. Prüfen Sie die Netzwerkverbindung und die Endpunkt-URL.</translation>
    </message>
    <message>
        <source>Timeout: %1. Check the endpoint URL (host and port) and the network; a firewall may be dropping the connection.</source>
        <translation>Zeitüberschreitung: %1. Prüfen Sie die Endpunkt-URL (Host und Port) und das Netzwerk; eine Firewall verwirft möglicherweise die Verbindung.</translation>
    </message>
    <message>
        <source>TLS error: %1. If the server uses a self-signed or private certificate, choose its CA file (PEM) in the connection&apos;s CA file field; otherwise check the host name of the endpoint URL.</source>
        <translation>TLS-Fehler: %1. Wenn der Server ein selbstsigniertes oder privates Zertifikat verwendet, wählen Sie dessen CA-Datei (PEM) im Feld CA-Datei der Verbindung; andernfalls prüfen Sie den Hostnamen der Endpunkt-URL.</translation>
    </message>
    <message>
        <source>Credentials: %1 %2</source>
        <translation>Anmeldedaten: %1 %2</translation>
    </message>
    <message>
        <source>Invalid connection settings: %1 %2</source>
        <translation>Ungültige Verbindungseinstellungen: %1 %2</translation>
    </message>
    <message>
        <source>%1. Is the endpoint URL that of an S3 server?</source>
        <translation>%1. Ist die Endpunkt-URL die eines S3-Servers?</translation>
    </message>
</context>
<context>
    <name>s3ui::CredentialsStatusWidget</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>static keys</source>
        <translation>feste Schlüssel</translation>
    </message>
    <message>
        <source>%1, expired</source>
        <translation>%1, abgelaufen</translation>
    </message>
    <message>
        <source>%1, expires in %2</source>
        <translation>%1, läuft ab in %2</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Erneut anmelden…</translation>
    </message>
    <message>
        <source>Credentials: none (unsigned requests)</source>
        <translation>Anmeldedaten: keine (unsignierte Anfragen)</translation>
    </message>
    <message>
        <source>Credentials: …</source>
        <translation>Anmeldedaten: …</translation>
    </message>
    <message>
        <source>Credentials: IAM Identity Center sign-in needed</source>
        <translation>Anmeldedaten: Anmeldung bei IAM Identity Center nötig</translation>
    </message>
    <message>
        <source>Credentials: unavailable</source>
        <translation>Anmeldedaten: nicht verfügbar</translation>
    </message>
    <message>
        <source>Credentials: %1</source>
        <translation>Anmeldedaten: %1</translation>
    </message>
    <message>
        <source>Credentials from %1</source>
        <translation>Anmeldedaten aus %1</translation>
    </message>
    <message>
        <source>Expire at %1 (refreshed automatically before then)</source>
        <translation>Laufen um %1 ab (werden vorher automatisch erneuert)</translation>
    </message>
</context>
<context>
    <name>s3ui::CrossConnectionCopy</name>
    <message>
        <source>not copied: cancelled</source>
        <translation>nicht kopiert: abgebrochen</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>die Verbindung wurde geschlossen</translation>
    </message>
    <message>
        <source>no private folder for the copy in %1: %2</source>
        <translation>kein privater Ordner für die Kopie in %1: %2</translation>
    </message>
    <message>
        <source>listing the folder failed: %1</source>
        <translation>das Auflisten des Ordners ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>cannot check s3://%1/%2: %3</source>
        <translation>s3://%1/%2 kann nicht geprüft werden: %3</translation>
    </message>
    <message>
        <source>encrypted with a customer key (SSE-C): download it and upload it to the other connection yourself</source>
        <translation>mit einem Kundenschlüssel (SSE-C) verschlüsselt: Laden Sie es selbst herunter und über die andere Verbindung wieder hoch</translation>
    </message>
    <message>
        <source>copied, but the source could not be deleted: %1</source>
        <translation>kopiert, aber die Quelle konnte nicht gelöscht werden: %1</translation>
    </message>
</context>
<context>
    <name>s3ui::Encryption</name>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
</context>
<context>
    <name>s3ui::EncryptionColumnLoader</name>
    <message>
        <source>not known (%1)</source>
        <translation>nicht bekannt (%1)</translation>
    </message>
</context>
<context>
    <name>s3ui::FavouritesController</name>
    <message>
        <source>Add to favourites</source>
        <translation>Zu Favoriten hinzufügen</translation>
    </message>
    <message>
        <source>Add folder to favourites</source>
        <translation>Ordner zu Favoriten hinzufügen</translation>
    </message>
    <message>
        <source>Add the folder on screen to the favourites (%1)</source>
        <translation>Den angezeigten Ordner zu den Favoriten hinzufügen (%1)</translation>
    </message>
    <message>
        <source>Open a bucket or a folder first, then add it to the favourites.</source>
        <translation>Öffnen Sie zuerst einen Bucket oder einen Ordner, und fügen Sie ihn dann zu den Favoriten hinzu.</translation>
    </message>
    <message>
        <source>Only saved connections and AWS profiles can have favourites: save this connection first.</source>
        <translation>Nur gespeicherte Verbindungen und AWS-Profile können Favoriten haben: Speichern Sie diese Verbindung zuerst.</translation>
    </message>
    <message>
        <source>s3://%1/%2 is in the favourites already, as “%3”.</source>
        <translation>s3://%1/%2 ist bereits als „%3“ in den Favoriten.</translation>
    </message>
    <message>
        <source>s3://%1/%2 cannot be a favourite: %3</source>
        <translation>s3://%1/%2 kann kein Favorit sein: %3</translation>
    </message>
    <message>
        <source>Added “%1” to the favourites (F2 in the list renames it).</source>
        <translation>„%1“ wurde zu den Favoriten hinzugefügt (mit F2 in der Liste umbenennen).</translation>
    </message>
    <message>
        <source>“%1” cannot be opened: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>s3ui::FavouritesList</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>Aus Favoriten entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben verschieben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten verschieben</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Favoriten</translation>
    </message>
    <message>
        <source>No favourites yet: open a folder and add it with Go &gt; Add to favourites.</source>
        <translation>Noch keine Favoriten: Öffnen Sie einen Ordner, und fügen Sie ihn mit „Gehe zu &gt; Zu Favoriten hinzufügen“ hinzu.</translation>
    </message>
    <message>
        <source>No favourites yet: open a folder and add it with Go &gt; Add to favourites (%1).</source>
        <translation>Noch keine Favoriten: Öffnen Sie einen Ordner, und fügen Sie ihn mit „Gehe zu &gt; Zu Favoriten hinzufügen“ (%1) hinzu.</translation>
    </message>
</context>
<context>
    <name>s3ui::FavouritesModel</name>
    <message>
        <source>Its connection no longer exists (it was deleted). Remove this favourite, or add it again from a connection.</source>
        <translation>Die Verbindung dieses Favoriten existiert nicht mehr (sie wurde gelöscht). Entfernen Sie den Favoriten, oder fügen Sie ihn über eine Verbindung erneut hinzu.</translation>
    </message>
    <message>
        <source>%1 — unavailable
%2</source>
        <translation>%1 — nicht verfügbar
%2</translation>
    </message>
    <message>
        <source>%1
on %2</source>
        <translation>%1
auf %2</translation>
    </message>
    <message>
        <source>%1, unavailable</source>
        <translation>%1, nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>s3ui::FolderPropertiesDialog</name>
    <message>
        <source>Properties – %1</source>
        <translation>Eigenschaften – %1</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>Objekte:</translation>
    </message>
    <message>
        <source>Total size:</source>
        <translation>Gesamtgröße:</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln Objekt</numerusform>
            <numerusform>%Ln Objekte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Byte)</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message numerus="yes">
        <source>Counting… %Ln object(s) so far</source>
        <translation>
            <numerusform>Wird gezählt… bisher %Ln Objekt</numerusform>
            <numerusform>Wird gezählt… bisher %Ln Objekte</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting stopped: %1. The totals are what was counted until then.</source>
        <translation>Zählen abgebrochen: %1. Die Summen zeigen, was bis dahin gezählt wurde.</translation>
    </message>
    <message numerus="yes">
        <source>Counted in %Ln listing page(s).</source>
        <translation>
            <numerusform>Gezählt in %Ln Listenseite.</numerusform>
            <numerusform>Gezählt in %Ln Listenseiten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::GuiMfaPrompter</name>
    <message>
        <source>MFA prompt requested without a context</source>
        <translation>MFA-Abfrage ohne Kontext angefordert</translation>
    </message>
    <message>
        <source>MFA code not entered: the window that asks for it is closed</source>
        <translation>MFA-Code nicht eingegeben: Das Fenster, das danach fragt, ist geschlossen</translation>
    </message>
</context>
<context>
    <name>s3ui::IncompleteUploadsDialog</name>
    <message>
        <source>1 incomplete upload</source>
        <translation>1 unvollständiger Upload</translation>
    </message>
    <message>
        <source>%1 incomplete uploads</source>
        <translation>%1 unvollständige Uploads</translation>
    </message>
    <message>
        <source>Incomplete uploads – %1</source>
        <translation>Unvollständige Uploads – %1</translation>
    </message>
    <message>
        <source>Multipart uploads that were started but neither completed nor aborted. Their parts are stored, and billed, but appear in no folder. Abort the ones nobody will finish.</source>
        <translation>Mehrteilige Uploads, die begonnen, aber weder abgeschlossen noch abgebrochen wurden. Ihre Teile werden gespeichert und berechnet, erscheinen aber in keinem Ordner. Brechen Sie die ab, die niemand mehr beenden wird.</translation>
    </message>
    <message>
        <source>Incomplete uploads</source>
        <translation>Unvollständige Uploads</translation>
    </message>
    <message>
        <source>&amp;Abort selected…</source>
        <translation>Ausgewählte &amp;abbrechen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>List the uploads again (F5)</source>
        <translation>Die Uploads neu auflisten (F5)</translation>
    </message>
    <message>
        <source>Cannot list the incomplete uploads of %1: %2</source>
        <translation>Die unvollständigen Uploads von %1 können nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>Listing them needs the s3:ListBucketMultipartUploads permission.</source>
        <translation>Zum Auflisten ist die Berechtigung s3:ListBucketMultipartUploads nötig.</translation>
    </message>
    <message>
        <source>Abort the upload of &quot;%1&quot;?</source>
        <translation>Den Upload von „%1“ abbrechen?</translation>
    </message>
    <message>
        <source>Abort %1 uploads?</source>
        <translation>%1 Uploads abbrechen?</translation>
    </message>
    <message>
        <source>Abort incomplete uploads</source>
        <translation>Unvollständige Uploads abbrechen</translation>
    </message>
    <message>
        <source>Their stored parts (%1) are deleted and cannot be recovered; whoever is still uploading them would have to start again.</source>
        <translation>Ihre gespeicherten Teile (%1) werden gelöscht und können nicht wiederhergestellt werden; wer sie noch hochlädt, müsste von vorn beginnen.</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Could not abort 1 upload (it is still listed):</source>
        <translation>1 Upload konnte nicht abgebrochen werden (er ist noch aufgelistet):</translation>
    </message>
    <message>
        <source>Could not abort %1 uploads (they are still listed):</source>
        <translation>%1 Uploads konnten nicht abgebrochen werden (sie sind noch aufgelistet):</translation>
    </message>
    <message>
        <source>The incomplete uploads could not be listed.</source>
        <translation>Die unvollständigen Uploads konnten nicht aufgelistet werden.</translation>
    </message>
    <message>
        <source>Listing incomplete uploads…</source>
        <translation>Unvollständige Uploads werden aufgelistet…</translation>
    </message>
    <message>
        <source>No incomplete uploads in this bucket: no unfinished parts are billed.</source>
        <translation>Keine unvollständigen Uploads in diesem Bucket: Es werden keine unfertigen Teile berechnet.</translation>
    </message>
    <message>
        <source>%1, %2 stored — you are billed for these parts</source>
        <translation>%1, %2 gespeichert – diese Teile werden Ihnen berechnet</translation>
    </message>
    <message>
        <source>%1, at least %2 stored (counting parts…) — you are billed for these parts</source>
        <translation>%1, mindestens %2 gespeichert (Teile werden gezählt…) – diese Teile werden Ihnen berechnet</translation>
    </message>
    <message>
        <source>(aborting…)</source>
        <translation>(wird abgebrochen…)</translation>
    </message>
</context>
<context>
    <name>s3ui::JobSequence</name>
    <message numerus="yes">
        <source>%1 of %n failed: %2</source>
        <translation>
            <numerusform>%1 von %n fehlgeschlagen: %2</numerusform>
            <numerusform>%1 von %n fehlgeschlagen: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>; und %n weiterer</numerusform>
            <numerusform>; und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::KeychainSecretStore</name>
    <message>
        <source>read the secret</source>
        <translation>Lesen des geheimen Schlüssels</translation>
    </message>
    <message>
        <source>store the secret</source>
        <translation>Speichern des geheimen Schlüssels</translation>
    </message>
    <message>
        <source>delete the secret</source>
        <translation>Löschen des geheimen Schlüssels</translation>
    </message>
    <message>
        <source>allow S3Desk to use the keychain, or enter the secret each time</source>
        <translation>erlauben Sie S3Desk, den Schlüsselbund zu verwenden, oder geben Sie den geheimen Schlüssel jedes Mal ein</translation>
    </message>
    <message>
        <source>start and unlock the system keychain (e.g. gnome-keyring or KWallet), or enter the secret each time</source>
        <translation>starten und entsperren Sie den Schlüsselbund des Systems (z. B. gnome-keyring oder KWallet), oder geben Sie den geheimen Schlüssel jedes Mal ein</translation>
    </message>
    <message>
        <source>try again</source>
        <translation>versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>System keychain: cannot %1 (%2: %3); %4</source>
        <translation>Schlüsselbund des Systems: %1 nicht möglich (%2: %3); %4</translation>
    </message>
</context>
<context>
    <name>s3ui::MainWindow</name>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>Buckets</source>
        <translation>Buckets</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Verbinden nicht möglich: %1</translation>
    </message>
    <message>
        <source>Delete bucket…</source>
        <translation>Bucket löschen…</translation>
    </message>
    <message>
        <source>Versioning…</source>
        <translation>Versionierung…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Listing the buckets failed: %1</source>
        <translation>Das Auflisten der Buckets ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The last location, bucket %1, no longer exists: choose a bucket.</source>
        <translation>Der letzte Ort, Bucket %1, existiert nicht mehr: Wählen Sie einen Bucket.</translation>
    </message>
    <message>
        <source>Transfer of %1 failed: %2</source>
        <translation>Übertragung von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <source>&amp;Object</source>
        <translation>&amp;Objekt</translation>
    </message>
    <message>
        <source>&amp;Bucket</source>
        <translation>B&amp;ucket</translation>
    </message>
    <message>
        <source>New bucket…</source>
        <translation>Neuer Bucket…</translation>
    </message>
    <message>
        <source>Refresh bucket list</source>
        <translation>Bucket-Liste aktualisieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>S3Desk &amp;einrichten…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About S3Desk</source>
        <translation>&amp;Über S3Desk</translation>
    </message>
    <message>
        <source>The transfer queue could not start: %1</source>
        <translation>Die Übertragungswarteschlange konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>%1: choose a bucket</source>
        <translation>%1: Wählen Sie einen Bucket</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>There is no connection to open s3://%1/%2 in: connect to its server first, then open the link again.</source>
        <translation>Es gibt keine Verbindung, in der s3://%1/%2 geöffnet werden kann: Verbinden Sie sich zuerst mit seinem Server, dann öffnen Sie den Link erneut.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <source>Edit connection…</source>
        <translation>Verbindung bearbeiten…</translation>
    </message>
    <message>
        <source>Enter secret again…</source>
        <translation>Geheimen Schlüssel erneut eingeben…</translation>
    </message>
    <message>
        <source>The server refused the secret key of %1: enter it again.</source>
        <translation>Der Server hat den geheimen Schlüssel von %1 abgelehnt: Geben Sie ihn erneut ein.</translation>
    </message>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>Anmelden nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot sign in: profile &apos;%1&apos; is not configured for IAM Identity Center</source>
        <translation>Anmelden nicht möglich: Profil „%1“ ist nicht für IAM Identity Center eingerichtet</translation>
    </message>
    <message>
        <source>Signed in to IAM Identity Center</source>
        <translation>Bei IAM Identity Center angemeldet</translation>
    </message>
    <message>
        <source>Transfers of %1:</source>
        <translation>Übertragungen von %1:</translation>
    </message>
    <message>
        <source>Some saved transfers could not be restored; see the notice</source>
        <translation>Einige gespeicherte Übertragungen konnten nicht wiederhergestellt werden; siehe Hinweis</translation>
    </message>
    <message>
        <source>Saved transfers</source>
        <translation>Gespeicherte Übertragungen</translation>
    </message>
    <message>
        <source>New bucket</source>
        <translation>Neuer Bucket</translation>
    </message>
    <message>
        <source>Bucket name (3–63 characters: lower-case letters, digits, &apos;-&apos; and &apos;.&apos;):</source>
        <translation>Bucket-Name (3–63 Zeichen: Kleinbuchstaben, Ziffern, „-“ und „.“):</translation>
    </message>
    <message>
        <source>Creating the bucket %1 failed: %2</source>
        <translation>Das Anlegen des Buckets %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>You already have a bucket named &quot;%1&quot;.</source>
        <translation>Sie haben bereits einen Bucket namens „%1“.</translation>
    </message>
    <message>
        <source>Delete bucket</source>
        <translation>Bucket löschen</translation>
    </message>
    <message>
        <source>Delete the bucket %1?</source>
        <translation>Den Bucket %1 löschen?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete its contents too (every object, version and delete marker, and incomplete uploads)</source>
        <translation>Auch seinen Inhalt löschen (jedes Objekt, jede Version und Löschmarkierung sowie unvollständige Uploads)</translation>
    </message>
    <message>
        <source>Counting its contents…</source>
        <translation>Sein Inhalt wird gezählt…</translation>
    </message>
    <message>
        <source>Its contents could not be counted: %1</source>
        <translation>Sein Inhalt konnte nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>The bucket is empty.</source>
        <translation>Der Bucket ist leer.</translation>
    </message>
    <message>
        <source>It holds %1.</source>
        <translation>Er enthält %1.</translation>
    </message>
    <message>
        <source>Deleting the bucket %1 failed: %2</source>
        <translation>Das Löschen des Buckets %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Deleting the bucket %1 failed: %2 Delete its objects (and incomplete uploads) first, or delete it with “Delete its contents too”.</source>
        <translation>Das Löschen des Buckets %1 ist fehlgeschlagen: %2 Löschen Sie zuerst seine Objekte (und unvollständigen Uploads), oder löschen Sie ihn mit „Auch seinen Inhalt löschen“.</translation>
    </message>
    <message>
        <source>Delete with its contents…</source>
        <translation>Mit Inhalt löschen…</translation>
    </message>
    <message>
        <source>Deleting the bucket %1 and its contents…</source>
        <translation>Der Bucket %1 und sein Inhalt werden gelöscht…</translation>
    </message>
    <message numerus="yes">
        <source>Deleting the bucket %1: %Ln version(s) and delete marker(s) removed</source>
        <translation>
            <numerusform>Bucket %1 wird gelöscht: %Ln Version oder Löschmarkierung entfernt</numerusform>
            <numerusform>Bucket %1 wird gelöscht: %Ln Versionen und Löschmarkierungen entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n incomplete upload(s) aborted</source>
        <translation>
            <numerusform>, %n unvollständiger Upload abgebrochen</numerusform>
            <numerusform>, %n unvollständige Uploads abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <source> Objects were written to it meanwhile: try again.</source>
        <translation> Inzwischen wurden Objekte hineingeschrieben: Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Deleting the bucket %1 with its contents failed (%2): %3%4</source>
        <translation>Das Löschen des Buckets %1 mit Inhalt ist fehlgeschlagen (%2): %3%4</translation>
    </message>
    <message>
        <source>Bucket %1 deleted</source>
        <translation>Bucket %1 gelöscht</translation>
    </message>
    <message>
        <source>Transfers are running</source>
        <translation>Übertragungen laufen</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) are not finished. Quit anyway?</source>
        <translation>
            <numerusform>%n Übertragung ist nicht fertig. Trotzdem beenden?</numerusform>
            <numerusform>%n Übertragungen sind nicht fertig. Trotzdem beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>They are kept and come back paused the next time you open this connection.</source>
        <translation>Sie bleiben erhalten und kommen angehalten zurück, wenn Sie diese Verbindung das nächste Mal öffnen.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Edited files not uploaded</source>
        <translation>Bearbeitete Dateien nicht hochgeladen</translation>
    </message>
    <message numerus="yes">
        <source>%n edited file(s) have changes that are not uploaded. Quit anyway?</source>
        <translation>
            <numerusform>%n bearbeitete Datei hat Änderungen, die nicht hochgeladen sind. Trotzdem beenden?</numerusform>
            <numerusform>%n bearbeitete Dateien haben Änderungen, die nicht hochgeladen sind. Trotzdem beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>The local copies are kept in %1, so nothing is lost.</source>
        <translation>Die lokalen Kopien bleiben in %1 erhalten, es geht also nichts verloren.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection %1 of this tab is not open.</source>
        <translation>Die Verbindung %1 dieses Tabs ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>s3ui::MfaPromptDialog</name>
    <message>
        <source>MFA code for %1</source>
        <translation>MFA-Code für %1</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; assumes a role that requires a code from your MFA device. Enter the code the device shows now.</source>
        <translation>Das Profil „%1“ übernimmt eine Rolle, die einen Code Ihres MFA-Geräts verlangt. Geben Sie den Code ein, den das Gerät jetzt zeigt.</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>MFA device:</source>
        <translation>MFA-Gerät:</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 Ziffern</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>MFA code not entered (the prompt for device %1 was cancelled); connect again to be asked once more</source>
        <translation>MFA-Code nicht eingegeben (die Abfrage für Gerät %1 wurde abgebrochen); verbinden Sie sich erneut, um noch einmal gefragt zu werden</translation>
    </message>
</context>
<context>
    <name>s3ui::MultipartUploadsModel</name>
    <message>
        <source>Cannot list the parts: %1</source>
        <translation>Die Teile können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>%1
Upload ID: %2</source>
        <translation>%1
Upload-ID: %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Initiated</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Teile</translation>
    </message>
    <message>
        <source>Size so far</source>
        <translation>Bisherige Größe</translation>
    </message>
    <message>
        <source>Upload ID</source>
        <translation>Upload-ID</translation>
    </message>
</context>
<context>
    <name>s3ui::ObjectListModel</name>
    <message>
        <source>(empty name)</source>
        <translation>(leerer Name)</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation>Speicherklasse</translation>
    </message>
    <message>
        <source>ETag</source>
        <translation>ETag</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
</context>
<context>
    <name>s3ui::OpenEditController</name>
    <message>
        <source>Open %1 with</source>
        <translation>%1 öffnen mit</translation>
    </message>
    <message>
        <source>%1 is not a program that can be started.</source>
        <translation>%1 ist kein Programm, das gestartet werden kann.</translation>
    </message>
    <message>
        <source>%1 is being downloaded to open it</source>
        <translation>%1 wird zum Öffnen heruntergeladen</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: the folder %2 cannot be made</source>
        <translation>%1 kann nicht geöffnet werden: Der Ordner %2 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>no safe local name</source>
        <translation>kein sicherer lokaler Name</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Cannot open %1: the connection was closed</source>
        <translation>%1 kann nicht geöffnet werden: Die Verbindung wurde geschlossen</translation>
    </message>
    <message>
        <source>Cannot upload %1 back: %2. Your changes are kept in %3</source>
        <translation>%1 kann nicht zurück hochgeladen werden: %2. Ihre Änderungen bleiben in %3 erhalten</translation>
    </message>
    <message>
        <source>Uploaded %1</source>
        <translation>%1 hochgeladen</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>die Verbindung wurde geschlossen</translation>
    </message>
    <message>
        <source>Uploading %1 back failed: %2. Your changes are kept in %3</source>
        <translation>Zurück-Hochladen von %1 fehlgeschlagen: %2. Ihre Änderungen bleiben in %3 erhalten</translation>
    </message>
    <message>
        <source>No program could open %1. The file is at %2</source>
        <translation>Kein Programm konnte %1 öffnen. Die Datei liegt in %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Upload changes?</source>
        <translation>Änderungen hochladen?</translation>
    </message>
    <message>
        <source>%1 was changed on this computer. Upload it back to %2?</source>
        <translation>%1 wurde auf diesem Computer geändert. Zurück nach %2 hochladen?</translation>
    </message>
    <message>
        <source>Ignore keeps the changes only in %1.</source>
        <translation>Ignorieren behält die Änderungen nur in %1.</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Changes not uploaded; they are kept in %1</source>
        <translation>Änderungen nicht hochgeladen; sie bleiben in %1 erhalten</translation>
    </message>
    <message>
        <source>Changed on the server</source>
        <translation>Auf dem Server geändert</translation>
    </message>
    <message>
        <source>%1 was changed on the server since you opened it.</source>
        <translation>%1 wurde auf dem Server geändert, seit Sie es geöffnet haben.</translation>
    </message>
    <message>
        <source>%1 was deleted on the server since you opened it.</source>
        <translation>%1 wurde auf dem Server gelöscht, seit Sie es geöffnet haben.</translation>
    </message>
    <message>
        <source>Overwrite replaces the other change (ETag %1 when opened, %2 now) with yours. Save as copy writes yours beside it. Cancel uploads nothing.</source>
        <translation>Überschreiben ersetzt die andere Änderung (ETag %1 beim Öffnen, jetzt %2) durch Ihre. Als Kopie speichern schreibt Ihre daneben. Abbrechen lädt nichts hoch.</translation>
    </message>
    <message>
        <source>Overwrite writes it again with your changes. Save as copy writes yours beside where it was. Cancel uploads nothing.</source>
        <translation>Überschreiben schreibt es mit Ihren Änderungen neu. Als Kopie speichern schreibt Ihre neben den bisherigen Ort. Abbrechen lädt nichts hoch.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Save as copy</source>
        <translation>Als Kopie speichern</translation>
    </message>
    <message>
        <source>Not uploaded; your changes are kept in %1</source>
        <translation>Nicht hochgeladen; Ihre Änderungen bleiben in %1 erhalten</translation>
    </message>
    <message>
        <source>Cannot upload %1 back: the connection was closed. Your changes are kept in %2</source>
        <translation>%1 kann nicht zurück hochgeladen werden: Die Verbindung wurde geschlossen. Ihre Änderungen bleiben in %2 erhalten</translation>
    </message>
    <message>
        <source>Cannot upload %1 back: its tags could not be read to keep them (%2). Your changes are kept in %3</source>
        <translation>%1 kann nicht zurück hochgeladen werden: Seine Tags konnten nicht gelesen werden, um sie zu behalten (%2). Ihre Änderungen bleiben in %3 erhalten</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>%1 wird hochgeladen…</translation>
    </message>
</context>
<context>
    <name>s3ui::PreferencesController</name>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>Give the full path of the folder.</source>
        <translation>Geben Sie den vollständigen Pfad des Ordners an.</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>Dieser Ordner existiert nicht.</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>Das ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>You cannot write to this folder.</source>
        <translation>Sie können in diesen Ordner nicht schreiben.</translation>
    </message>
    <message>
        <source>Between %1 and %2 transfers at once.</source>
        <translation>Zwischen %1 und %2 gleichzeitige Übertragungen.</translation>
    </message>
    <message>
        <source>S3 takes parts of 5 MiB to 5 GiB.</source>
        <translation>S3 nimmt Teile von 5 MiB bis 5 GiB an.</translation>
    </message>
    <message>
        <source>A limit cannot be negative (0: no limit).</source>
        <translation>Ein Limit kann nicht negativ sein (0: kein Limit).</translation>
    </message>
</context>
<context>
    <name>s3ui::PreferencesDialog</name>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>&amp;Ask before replacing files that exist (uploads and downloads)</source>
        <translation>Vor dem Ersetzen vorhandener Dateien &amp;fragen (Uploads und Downloads)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Transfers that move bytes at the same time, per connection; the others wait in the queue.</source>
        <translation>Übertragungen, die gleichzeitig Daten bewegen, je Verbindung; die anderen warten in der Warteschlange.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Uploads of large files are sent in parts of this size (grown for files beyond 10,000 parts). Uploads already queued keep theirs.</source>
        <translation>Uploads großer Dateien werden in Teilen dieser Größe gesendet (vergrößert für Dateien über 10.000 Teile). Bereits eingereihte Uploads behalten ihre.</translation>
    </message>
    <message>
        <source>Off: an upload or download replaces what exists without asking.</source>
        <translation>Aus: Ein Upload oder Download ersetzt Vorhandenes ohne Rückfrage.</translation>
    </message>
    <message>
        <source>Download &amp;folder:</source>
        <translation>Download-&amp;Ordner:</translation>
    </message>
    <message>
        <source>&amp;Transfers at once:</source>
        <translation>Gleichzeitige Ü&amp;bertragungen:</translation>
    </message>
    <message>
        <source>Upload &amp;part size:</source>
        <translation>&amp;Teilgröße für Uploads:</translation>
    </message>
    <message>
        <source>&amp;Upload limit:</source>
        <translation>&amp;Upload-Limit:</translation>
    </message>
    <message>
        <source>&amp;Download limit:</source>
        <translation>&amp;Download-Limit:</translation>
    </message>
    <message>
        <source>Default download folder</source>
        <translation>Standardordner für Downloads</translation>
    </message>
</context>
<context>
    <name>s3ui::PresignDialog</name>
    <message>
        <source>Presigned link – %1</source>
        <translation>Vorsignierter Link – %1</translation>
    </message>
    <message>
        <source>GET – download</source>
        <translation>GET – herunterladen</translation>
    </message>
    <message>
        <source>PUT – upload to this key</source>
        <translation>PUT – zu diesem Objektschlüssel hochladen</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>7 days (the maximum)</source>
        <translation>7 Tage (das Maximum)</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <source>Custom expiry</source>
        <translation>Benutzerdefinierte Gültigkeit</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Custom expiry unit</source>
        <translation>Einheit der benutzerdefinierten Gültigkeit</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>Objekt:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Expires in:</source>
        <translation>&amp;Gültig für:</translation>
    </message>
    <message>
        <source>Presigned URL</source>
        <translation>Vorsignierte URL</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>&amp;Link:</translation>
    </message>
    <message>
        <source>Presigning needs credentials: this connection is anonymous (its requests are not signed), so it cannot create a link that grants access. Connect with an access key and secret to share this object; a public object can be opened at its plain URL.</source>
        <translation>Vorsignieren braucht Anmeldedaten: Diese Verbindung ist anonym (ihre Anfragen werden nicht signiert) und kann daher keinen Link erzeugen, der Zugriff gewährt. Verbinden Sie sich mit Zugriffsschlüssel und geheimem Schlüssel, um dieses Objekt zu teilen; ein öffentliches Objekt lässt sich über seine einfache URL öffnen.</translation>
    </message>
    <message>
        <source>Anyone with this link can upload to (and overwrite) this key until it expires, for example with: curl -T FILE &apos;LINK&apos;</source>
        <translation>Jeder mit diesem Link kann bis zu seinem Ablauf zu diesem Objektschlüssel hochladen (und ihn überschreiben), zum Beispiel mit: curl -T DATEI &apos;LINK&apos;</translation>
    </message>
    <message>
        <source>Anyone with this link can download this object until it expires.</source>
        <translation>Jeder mit diesem Link kann dieses Objekt bis zu seinem Ablauf herunterladen.</translation>
    </message>
    <message>
        <source>A presigned link can be valid for at most 7 days (%1 seconds): S3 refuses longer signatures. Choose a shorter expiry.</source>
        <translation>Ein vorsignierter Link kann höchstens 7 Tage (%1 Sekunden) gültig sein: S3 lehnt längere Signaturen ab. Wählen Sie eine kürzere Gültigkeit.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Wird signiert…</translation>
    </message>
    <message>
        <source>Cannot get the connection&apos;s credentials to sign the link: %1</source>
        <translation>Die Anmeldedaten der Verbindung zum Signieren des Links sind nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Cannot sign the link: %1</source>
        <translation>Der Link kann nicht signiert werden: %1</translation>
    </message>
    <message>
        <source>Valid until %1 (%2).</source>
        <translation>Gültig bis %1 (%2).</translation>
    </message>
    <message>
        <source>Shortened from %1: the connection&apos;s temporary credentials expire at %2, and a presigned link stops working with them.</source>
        <translation>Gekürzt von %1: Die temporären Anmeldedaten der Verbindung laufen um %2 ab, und ein vorsignierter Link funktioniert dann nicht mehr.</translation>
    </message>
    <message>
        <source>⚠ This connection uses temporary credentials (a session token). The link stops working when the session token expires, even if its own expiry is later.</source>
        <translation>⚠ Diese Verbindung verwendet temporäre Anmeldedaten (ein Sitzungstoken). Der Link funktioniert nicht mehr, sobald das Sitzungstoken abläuft, auch wenn seine eigene Gültigkeit länger ist.</translation>
    </message>
    <message>
        <source>The token expires at %1.</source>
        <translation>Das Token läuft um %1 ab.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Presigned link – %1 (version %2)</source>
        <translation>Vorsignierter Link – %1 (Version %2)</translation>
    </message>
</context>
<context>
    <name>s3ui::PropertiesDialog</name>
    <message>
        <source>can read</source>
        <translation>kann lesen</translation>
    </message>
    <message>
        <source>can write</source>
        <translation>kann schreiben</translation>
    </message>
    <message>
        <source>can read the permissions</source>
        <translation>kann die Berechtigungen lesen</translation>
    </message>
    <message>
        <source>can change the permissions</source>
        <translation>kann die Berechtigungen ändern</translation>
    </message>
    <message>
        <source>full control</source>
        <translation>Vollzugriff</translation>
    </message>
    <message>
        <source>Private: only the owner (private)</source>
        <translation>Privat: nur der Eigentümer (private)</translation>
    </message>
    <message>
        <source>Public: anyone can read (public-read)</source>
        <translation>Öffentlich: jeder kann lesen (public-read)</translation>
    </message>
    <message>
        <source>Public: anyone can read and write (public-read-write)</source>
        <translation>Öffentlich: jeder kann lesen und schreiben (public-read-write)</translation>
    </message>
    <message>
        <source>Any AWS account can read (authenticated-read)</source>
        <translation>Jedes AWS-Konto kann lesen (authenticated-read)</translation>
    </message>
    <message>
        <source>No grants: nobody but the bucket owner&apos;s policies can reach it</source>
        <translation>Keine Berechtigungen: Nur die Richtlinien des Bucket-Eigentümers erreichen es</translation>
    </message>
    <message>
        <source>Properties – %1</source>
        <translation>Eigenschaften – %1</translation>
    </message>
    <message>
        <source>inferred from the name when empty</source>
        <translation>aus dem Namen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation>Bucket:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>ETag:</source>
        <translation>ETag:</translation>
    </message>
    <message>
        <source>Content &amp;type:</source>
        <translation>&amp;Inhaltstyp:</translation>
    </message>
    <message>
        <source>Last modified:</source>
        <translation>Zuletzt geändert:</translation>
    </message>
    <message>
        <source>Storage class:</source>
        <translation>Speicherklasse:</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>Verschlüsselung:</translation>
    </message>
    <message>
        <source>Cache-Control:</source>
        <translation>Cache-Control:</translation>
    </message>
    <message>
        <source>Content-Disposition:</source>
        <translation>Content-Disposition:</translation>
    </message>
    <message>
        <source>Content-Encoding:</source>
        <translation>Content-Encoding:</translation>
    </message>
    <message>
        <source>Content-Language:</source>
        <translation>Content-Language:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Expires:</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>Zugriff:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>User metadata</source>
        <translation>Benutzer-Metadaten</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>User &amp;metadata (x-amz-meta-*):</source>
        <translation>Benutzer-&amp;Metadaten (x-amz-meta-*):</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Add ta&amp;g</source>
        <translation>Ta&amp;g hinzufügen</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <source>T&amp;ags (at most 10):</source>
        <translation>T&amp;ags (höchstens 10):</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Reading the object&apos;s properties…</source>
        <translation>Die Eigenschaften des Objekts werden gelesen…</translation>
    </message>
    <message>
        <source>The tags cannot be read: %1. Saving keeps whatever tags the object has.</source>
        <translation>Die Tags können nicht gelesen werden: %1. Speichern behält die Tags, die das Objekt hat.</translation>
    </message>
    <message>
        <source>Tag row %1 has a value but no key.</source>
        <translation>Tag-Zeile %1 hat einen Wert, aber keinen Schlüssel.</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>Not known: %1</source>
        <translation>Nicht bekannt: %1</translation>
    </message>
    <message>
        <source>Cannot read the properties of %1: %2</source>
        <translation>Die Eigenschaften von %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 (Restore: in progress)</source>
        <translation>%1 (Wiederherstellung: läuft)</translation>
    </message>
    <message>
        <source>%1 (Restore: %2)</source>
        <translation>%1 (Wiederherstellung: %2)</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Byte)</translation>
    </message>
    <message>
        <source>A multipart ETag: it is not the MD5 of the content.</source>
        <translation>Ein ETag eines mehrteiligen Uploads: Es ist nicht die MD5-Prüfsumme des Inhalts.</translation>
    </message>
    <message>
        <source>The content type must be plain ASCII text, like &quot;text/plain; charset=utf-8&quot;.</source>
        <translation>Der Inhaltstyp muss reiner ASCII-Text sein, etwa „text/plain; charset=utf-8“.</translation>
    </message>
    <message>
        <source>Metadata row %1 has a value but no name.</source>
        <translation>Metadaten-Zeile %1 hat einen Wert, aber keinen Namen.</translation>
    </message>
    <message>
        <source>The metadata name &quot;%1&quot; may contain only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation>Der Metadaten-Name „%1“ darf nur Buchstaben, Ziffern, „-“, „_“ und „.“ enthalten.</translation>
    </message>
    <message>
        <source>The metadata name &quot;%1&quot; appears twice (names are not case-sensitive).</source>
        <translation>Der Metadaten-Name „%1“ kommt doppelt vor (Groß- und Kleinschreibung zählt bei Namen nicht).</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; must be plain ASCII text: S3 sends metadata as HTTP headers.</source>
        <translation>Der Wert von „%1“ muss reiner ASCII-Text sein: S3 sendet Metadaten als HTTP-Header.</translation>
    </message>
    <message>
        <source>The metadata takes %1 bytes; S3 allows at most %2 bytes for all names and values together.</source>
        <translation>Die Metadaten belegen %1 Byte; S3 erlaubt höchstens %2 Byte für alle Namen und Werte zusammen.</translation>
    </message>
    <message>
        <source>This object is too large for a single copy: saving copies it onto itself in parts on the server, in the transfers panel (pause and resume work there). A change of the tags alone is saved at once. Nothing is downloaded.</source>
        <translation>Dieses Objekt ist zu groß für eine einzelne Kopie: Speichern kopiert es auf dem Server in Teilen auf sich selbst, im Übertragungsbereich (Anhalten und Fortsetzen funktionieren dort). Eine Änderung nur der Tags wird sofort gespeichert. Nichts wird heruntergeladen.</translation>
    </message>
    <message>
        <source>This object is too large for a single copy: saving copies it onto itself in parts on the server, which takes a while. Nothing is downloaded.</source>
        <translation>Dieses Objekt ist zu groß für eine einzelne Kopie: Speichern kopiert es auf dem Server in Teilen auf sich selbst; das dauert eine Weile. Nichts wird heruntergeladen.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Cannot save the properties of %1: %2</source>
        <translation>Die Eigenschaften von %1 können nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The object was changed by someone else since it was read: Reload to see the current version, then edit again.</source>
        <translation>Das Objekt wurde seit dem Lesen von jemand anderem geändert: Laden Sie neu, um die aktuelle Version zu sehen, und bearbeiten Sie dann erneut.</translation>
    </message>
    <message>
        <source>Cannot save the tags of %1: %2</source>
        <translation>Die Tags von %1 können nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The new properties of %1 are saved by copying it onto itself in parts on the server. This continues in the transfers panel, where it can be paused and resumed; the object keeps its old properties until the copy is complete.</source>
        <translation>Die neuen Eigenschaften von %1 werden gespeichert, indem es auf dem Server in Teilen auf sich selbst kopiert wird. Das geht im Übertragungsbereich weiter, wo es angehalten und fortgesetzt werden kann; das Objekt behält seine alten Eigenschaften, bis die Kopie fertig ist.</translation>
    </message>
    <message>
        <source>Saving in the transfers panel</source>
        <translation>Wird im Übertragungsbereich gespeichert</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>s3ui::QuickLookController</name>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Empty file</source>
        <translation>Leere Datei</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>This object is encrypted with a customer key (SSE-C); download it to view, or enter the key.</source>
        <translation>Dieses Objekt ist mit einem Kundenschlüssel (SSE-C) verschlüsselt; laden Sie es zum Ansehen herunter, oder geben Sie den Schlüssel ein.</translation>
    </message>
    <message>
        <source>This object is encrypted with a customer key (SSE-C) and the key given was refused; download it to view, or enter the key it was written with.</source>
        <translation>Dieses Objekt ist mit einem Kundenschlüssel (SSE-C) verschlüsselt, und der angegebene Schlüssel wurde abgelehnt; laden Sie es zum Ansehen herunter, oder geben Sie den Schlüssel ein, mit dem es geschrieben wurde.</translation>
    </message>
    <message>
        <source>Cannot show this object.
%1</source>
        <translation>Dieses Objekt kann nicht angezeigt werden.
%1</translation>
    </message>
    <message>
        <source>The image is larger than %1, so it is not shown.</source>
        <translation>Das Bild ist größer als %1 und wird daher nicht angezeigt.</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 (%3)</source>
        <translation>Die ersten %1 von %2 werden angezeigt (%3)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2</source>
        <translation>Die ersten %1 von %2 werden angezeigt</translation>
    </message>
    <message>
        <source>The image could not be decoded (%1).</source>
        <translation>Das Bild konnte nicht dekodiert werden (%1).</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>unbekanntes Format</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, %3, %4</source>
        <translation>%1 × %2 Pixel, %3, %4</translation>
    </message>
</context>
<context>
    <name>s3ui::QuickLookPane</name>
    <message>
        <source>Enter key…</source>
        <translation>Schlüssel eingeben…</translation>
    </message>
    <message>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <source>Close Quick look (Space, Esc)</source>
        <translation>Schnellansicht schließen (Leertaste, Esc)</translation>
    </message>
</context>
<context>
    <name>s3ui::RestoreDialog</name>
    <message>
        <source>Restore archived objects</source>
        <translation>Archivierte Objekte wiederherstellen</translation>
    </message>
    <message>
        <source>Restore %1 from the archive?</source>
        <translation>%1 aus dem Archiv wiederherstellen?</translation>
    </message>
    <message>
        <source>A readable copy is made next to the archived object; that takes minutes (Expedited) to hours (Standard, Bulk) and is billed by tier. The copy is kept for the days given, then removed; the archived object stays.</source>
        <translation>Neben dem archivierten Objekt wird eine lesbare Kopie angelegt; das dauert Minuten (Expedited) bis Stunden (Standard, Bulk) und wird je nach Stufe berechnet. Die Kopie bleibt die angegebenen Tage erhalten und wird dann entfernt; das archivierte Objekt bleibt.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep the copy for:</source>
        <translation>Kopie behalten für:</translation>
    </message>
    <message>
        <source>Retrieval tier:</source>
        <translation>Abrufstufe:</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
</context>
<context>
    <name>s3ui::SearchBar</name>
    <message>
        <source>Modified from</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Name, or a pattern such as *.csv</source>
        <translation>Name oder ein Muster wie *.csv</translation>
    </message>
    <message>
        <source>Find by name</source>
        <translation>Nach Name suchen</translation>
    </message>
    <message>
        <source>Part of the name (any case), or a pattern with * ? [..] that matches the whole name; with a / it matches the path below this folder. Enter searches every folder below.</source>
        <translation>Ein Teil des Namens (Groß-/Kleinschreibung egal) oder ein Muster mit * ? [..], das auf den ganzen Namen passt; mit einem / passt es auf den Pfad unterhalb dieses Ordners. Die Eingabetaste durchsucht jeden Ordner darunter.</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Size and date filters</source>
        <translation>Größen- und Datumsfilter</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Close the search and show the folder again (Esc)</source>
        <translation>Die Suche schließen und wieder den Ordner zeigen (Esc)</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>Suche schließen</translation>
    </message>
    <message>
        <source>e.g. 10M</source>
        <translation>z. B. 10M</translation>
    </message>
    <message>
        <source>Smallest size</source>
        <translation>Mindestgröße</translation>
    </message>
    <message>
        <source>Largest size</source>
        <translation>Höchstgröße</translation>
    </message>
    <message>
        <source>Size from</source>
        <translation>Größe von</translation>
    </message>
    <message>
        <source>Stop or close the search</source>
        <translation>Die Suche stoppen oder schließen</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a size (e.g. 1500, 64K, 10M, 1G).</source>
        <translation>„%1“ ist keine Größe (z. B. 1500, 64K, 10M, 1G).</translation>
    </message>
    <message>
        <source>The smallest size is above the largest.</source>
        <translation>Die Mindestgröße liegt über der Höchstgröße.</translation>
    </message>
    <message>
        <source>The first day is after the last.</source>
        <translation>Der erste Tag liegt nach dem letzten.</translation>
    </message>
</context>
<context>
    <name>s3ui::SecretPromptDialog</name>
    <message>
        <source>Secret key for %1</source>
        <translation>Geheimer Schlüssel für %1</translation>
    </message>
    <message>
        <source>Access key:</source>
        <translation>Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>&amp;Secret key:</source>
        <translation>&amp;Geheimer Schlüssel:</translation>
    </message>
    <message>
        <source>Save in the system &amp;keychain</source>
        <translation>Im &amp;Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>No system keychain: the secret will be asked for each time (it is kept in memory until S3Desk quits).</source>
        <translation>Kein Schlüsselbund im System: Der geheime Schlüssel wird jedes Mal abgefragt (er bleibt im Speicher, bis S3Desk beendet wird).</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Enter the secret key for %1.</source>
        <translation>Geben Sie den geheimen Schlüssel für %1 ein.</translation>
    </message>
    <message>
        <source>No secret key is stored for %1: enter it.</source>
        <translation>Für %1 ist kein geheimer Schlüssel gespeichert: Geben Sie ihn ein.</translation>
    </message>
    <message>
        <source>. Enter the secret key for %1.</source>
        <translation>. Geben Sie den geheimen Schlüssel für %1 ein.</translation>
    </message>
</context>
<context>
    <name>s3ui::Session</name>
    <message>
        <source>The connection %1 has no settings</source>
        <translation>Die Verbindung %1 hat keine Einstellungen</translation>
    </message>
</context>
<context>
    <name>s3ui::SseCustomerKeyDialog</name>
    <message>
        <source>Encryption key needed</source>
        <translation>Schlüssel zur Verschlüsselung nötig</translation>
    </message>
    <message>
        <source>The server refused the key given for %1: it was encrypted with another customer-provided key (SSE-C). Give the key it was uploaded with.</source>
        <translation>Der Server hat den für %1 angegebenen Schlüssel abgelehnt: Es wurde mit einem anderen Kundenschlüssel (SSE-C) verschlüsselt. Geben Sie den Schlüssel an, mit dem es hochgeladen wurde.</translation>
    </message>
    <message>
        <source>%1 is encrypted with a customer-provided key (SSE-C): S3 shows and sends it only to whoever gives the key.</source>
        <translation>%1 ist mit einem Kundenschlüssel (SSE-C) verschlüsselt: S3 zeigt und sendet es nur, wenn der Schlüssel angegeben wird.</translation>
    </message>
    <message>
        <source>Key &amp;file:</source>
        <translation>Schlüssel&amp;datei:</translation>
    </message>
    <message>
        <source>32 bytes, or their base64 text</source>
        <translation>32 Byte oder ihr Base64-Text</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Key as &amp;base64:</source>
        <translation>Schlüssel als &amp;Base64:</translation>
    </message>
    <message>
        <source>44 characters, e.g. from openssl rand -base64 32</source>
        <translation>44 Zeichen, z. B. von openssl rand -base64 32</translation>
    </message>
    <message>
        <source>The key is used for this object while the window needs it and is not saved anywhere.</source>
        <translation>Der Schlüssel wird für dieses Objekt verwendet, solange das Fenster ihn braucht, und nirgends gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Use key</source>
        <translation>Schlüssel &amp;verwenden</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
</context>
<context>
    <name>s3ui::SsoSignInDialog</name>
    <message>
        <source>Open browser</source>
        <translation>Browser öffnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center</source>
        <translation>Bei IAM Identity Center anmelden</translation>
    </message>
    <message>
        <source>Profile %1 signs in at %2.</source>
        <translation>Profil %1 meldet sich bei %2 an.</translation>
    </message>
    <message>
        <source>Asking IAM Identity Center for a sign-in code…</source>
        <translation>IAM Identity Center wird nach einem Anmeldecode gefragt…</translation>
    </message>
    <message>
        <source>Confirm this code on %1</source>
        <translation>Bestätigen Sie diesen Code auf %1</translation>
    </message>
    <message>
        <source>The sign-in page is open in your browser. Waiting for the confirmation (until %1)…</source>
        <translation>Die Anmeldeseite ist in Ihrem Browser geöffnet. Warten auf die Bestätigung (bis %1)…</translation>
    </message>
    <message>
        <source>Open the address above in a browser. Waiting for the confirmation (until %1)…</source>
        <translation>Öffnen Sie die Adresse oben in einem Browser. Warten auf die Bestätigung (bis %1)…</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>s3ui::StatusDetailsButton</name>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Show the whole message</source>
        <translation>Die ganze Meldung zeigen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>s3ui::SyncController</name>
    <message>
        <source>Choose a local folder.</source>
        <translation>Wählen Sie einen lokalen Ordner.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Not a valid pattern (an unclosed &apos;[&apos;?): %1</source>
        <translation>Kein gültiges Muster (ein nicht geschlossenes „[“?): %1</translation>
    </message>
    <message>
        <source>Comparing s3://%1/%2 with %3…</source>
        <translation>s3://%1/%2 wird mit %3 verglichen…</translation>
    </message>
    <message>
        <source>Left out (cannot be read): %1</source>
        <translation>Ausgelassen (nicht lesbar): %1</translation>
    </message>
    <message>
        <source>Preview stopped: the list is incomplete.</source>
        <translation>Vorschau gestoppt: Die Liste ist unvollständig.</translation>
    </message>
    <message>
        <source>Listing %1 failed: %2</source>
        <translation>Das Auflisten von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Preview complete: Run does what the list shows.</source>
        <translation>Vorschau fertig: „Ausführen“ tut, was die Liste zeigt.</translation>
    </message>
    <message>
        <source>Preview complete: the two sides are the same.</source>
        <translation>Vorschau fertig: Beide Seiten sind gleich.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>s3://%1/%2: %3 is already the destination of another key</source>
        <translation>s3://%1/%2: %3 ist bereits das Ziel eines anderen Objektschlüssels</translation>
    </message>
    <message>
        <source>s3://%1/%2: another download writes to %3</source>
        <translation>s3://%1/%2: Ein anderer Download schreibt nach %3</translation>
    </message>
    <message>
        <source>%L1 transfers queued (see the transfers panel)…</source>
        <translation>%L1 Übertragungen in der Warteschlange (siehe Übertragungsbereich)…</translation>
    </message>
    <message>
        <source>%L1 of %L2 transfers done…</source>
        <translation>%L1 von %L2 Übertragungen fertig…</translation>
    </message>
    <message>
        <source>%L1 of %L2 transfers failed (first: %3); nothing was deleted.</source>
        <translation>%L1 von %L2 Übertragungen fehlgeschlagen (erste: %3); es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>%1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Deleting %L1 objects…</source>
        <translation>%L1 Objekte werden gelöscht…</translation>
    </message>
    <message>
        <source>Delete failed: %1</source>
        <translation>Löschen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Synchronized: %L1 transferred, %L2 deleted.</source>
        <translation>Synchronisiert: %L1 übertragen, %L2 gelöscht.</translation>
    </message>
    <message>
        <source>Left out: %1</source>
        <translation>Ausgelassen: %1</translation>
    </message>
</context>
<context>
    <name>s3ui::SyncDialog</name>
    <message>
        <source>Delete files that are not in the source</source>
        <translation>Dateien löschen, die nicht in der Quelle sind</translation>
    </message>
    <message>
        <source>Show unchanged and skipped files</source>
        <translation>Unveränderte und übersprungene Dateien zeigen</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Synchronize s3://%1/%2</source>
        <translation>s3://%1/%2 synchronisieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Upload: local folder → S3</source>
        <translation>Hochladen: lokaler Ordner → S3</translation>
    </message>
    <message>
        <source>Download: S3 → local folder</source>
        <translation>Herunterladen: S3 → lokaler Ordner</translation>
    </message>
    <message>
        <source>Size and modification time</source>
        <translation>Größe und Änderungszeit</translation>
    </message>
    <message>
        <source>Checksum (MD5) where the ETag is one, else size and time</source>
        <translation>Prüfsumme (MD5), wo das ETag eine ist, sonst Größe und Zeit</translation>
    </message>
    <message>
        <source>e.g. *.tmp; .git/*</source>
        <translation>z. B. *.tmp; .git/*</translation>
    </message>
    <message>
        <source>Patterns separated by &apos;;&apos;, matched against the path relative to the folder: * (also across &apos;/&apos;), ? and [set]. An excluded file is neither transferred nor deleted.</source>
        <translation>Muster, getrennt durch „;“, die mit dem Pfad relativ zum Ordner verglichen werden: * (auch über „/“ hinweg), ? und [Menge]. Eine ausgeschlossene Datei wird weder übertragen noch gelöscht.</translation>
    </message>
    <message>
        <source>S3:</source>
        <translation>S3:</translation>
    </message>
    <message>
        <source>Local folder:</source>
        <translation>Lokaler Ordner:</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Richtung:</translation>
    </message>
    <message>
        <source>Compare by:</source>
        <translation>Vergleichen nach:</translation>
    </message>
    <message>
        <source>Exclude:</source>
        <translation>Ausschließen:</translation>
    </message>
    <message>
        <source>Local folder to synchronize</source>
        <translation>Zu synchronisierender lokaler Ordner</translation>
    </message>
    <message>
        <source>Objects below s3://%1/%2 that are not in the local folder will be deleted.</source>
        <translation>Objekte unterhalb von s3://%1/%2, die nicht im lokalen Ordner sind, werden gelöscht.</translation>
    </message>
    <message>
        <source>Files in the local folder that are not below s3://%1/%2 will be deleted.</source>
        <translation>Dateien im lokalen Ordner, die nicht unterhalb von s3://%1/%2 liegen, werden gelöscht.</translation>
    </message>
</context>
<context>
    <name>s3ui::SyncPlanModel</name>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>s3ui::TabsController</name>
    <message>
        <source>New &amp;tab</source>
        <translation>Neuer &amp;Tab</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>Tab &amp;schließen</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>Nächster Tab</translation>
    </message>
    <message>
        <source>Previous tab</source>
        <translation>Vorheriger Tab</translation>
    </message>
    <message>
        <source>New tab</source>
        <translation>Neuer Tab</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot drop onto the tab %1: the objects come from no open connection.</source>
        <translation>Auf dem Tab %1 kann nichts abgelegt werden: Die Objekte stammen aus keiner geöffneten Verbindung.</translation>
    </message>
    <message>
        <source>Cannot drop onto the tab %1: %2</source>
        <translation>Auf dem Tab %1 kann nichts abgelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot drop onto the tab %1: its connection is not open (show the tab once to connect it).</source>
        <translation>Auf dem Tab %1 kann nichts abgelegt werden: Seine Verbindung ist nicht geöffnet (zeigen Sie den Tab einmal an, um sie herzustellen).</translation>
    </message>
    <message numerus="yes">
        <source>Moving %n item(s) to %1</source>
        <translation>
            <numerusform>%n Eintrag wird nach %1 verschoben</numerusform>
            <numerusform>%n Einträge werden nach %1 verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) to %1</source>
        <translation>
            <numerusform>%n Eintrag wird nach %1 kopiert</numerusform>
            <numerusform>%n Einträge werden nach %1 kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) moved</source>
        <translation>
            <numerusform>%n Objekt verschoben</numerusform>
            <numerusform>%n Objekte verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) copied</source>
        <translation>
            <numerusform>%n Objekt kopiert</numerusform>
            <numerusform>%n Objekte kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n item(s) to %1 (%2)</source>
        <translation>
            <numerusform>%n Eintrag wird nach %1 (%2) verschoben</numerusform>
            <numerusform>%n Einträge werden nach %1 (%2) verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) to %1 (%2)</source>
        <translation>
            <numerusform>%n Eintrag wird nach %1 (%2) kopiert</numerusform>
            <numerusform>%n Einträge werden nach %1 (%2) kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>: downloaded here, then uploaded there (see Transfers)…</source>
        <translation>: hier heruntergeladen, dann dort hochgeladen (siehe Übertragungen)…</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) left alone: they exist already at the target (first: %1).</source>
        <translation>
            <numerusform>%n Objekt bleibt unverändert: Es ist am Ziel bereits vorhanden (%1).</numerusform>
            <numerusform>%n Objekte bleiben unverändert: Sie sind am Ziel bereits vorhanden (erstes: %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) did not arrive; first: %2</source>
        <translation>
            <numerusform>%1: %n Eintrag ist nicht angekommen: %2</numerusform>
            <numerusform>%1: %n Einträge sind nicht angekommen; erster: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) moved.</source>
        <translation>
            <numerusform>%n Objekt verschoben.</numerusform>
            <numerusform>%n Objekte verschoben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) copied.</source>
        <translation>
            <numerusform>%n Objekt kopiert.</numerusform>
            <numerusform>%n Objekte kopiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>s3ui::TransferListModel</name>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Von: %1</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>Nach: %1</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Queued, %1</source>
        <translation>Wartet, %1</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Running, %1</source>
        <translation>Läuft, %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Completing</source>
        <translation>Wird abgeschlossen</translation>
    </message>
    <message>
        <source>Done, %1</source>
        <translation>Fertig, %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation>HTTP-Status: %1</translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
    <message>
        <source>Host id: %1</source>
        <translation>Host-ID: %1</translation>
    </message>
    <message>
        <source>Resource: %1</source>
        <translation>Ressource: %1</translation>
    </message>
    <message>
        <source>Retry starts it again from what was already transferred.</source>
        <translation>Wiederholen setzt dort fort, wo die Übertragung stehen geblieben ist.</translation>
    </message>
    <message>
        <source>Its failed files are listed as their own rows: retry them there, or retry the folder.</source>
        <translation>Die fehlgeschlagenen Dateien darin stehen in eigenen Zeilen: Wiederholen Sie sie dort oder wiederholen Sie den Ordner.</translation>
    </message>
    <message>
        <source>Part of: %1</source>
        <translation>Teil von: %1</translation>
    </message>
    <message>
        <source>%1 of %2 files done</source>
        <translation>%1 von %2 Dateien fertig</translation>
    </message>
    <message>
        <source>, %1 running</source>
        <translation>, %1 laufend</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>, %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>, %1 cancelled</source>
        <translation>, %1 abgebrochen</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Wartet: %1</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Completing: %1</source>
        <translation>Wird abgeschlossen: %1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
</context>
<context>
    <name>s3ui::TransferPanel</name>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Pause the selected transfers; what is done is kept (Space)</source>
        <translation>Die ausgewählten Übertragungen anhalten; was erledigt ist, bleibt erhalten (Leertaste)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the selected paused transfers (Space)</source>
        <translation>Die ausgewählten angehaltenen Übertragungen fortsetzen (Leertaste)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the selected transfers for good; nothing is left behind (Delete)</source>
        <translation>Die ausgewählten Übertragungen endgültig stoppen; nichts bleibt zurück (Entf)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Queue the selected failed or cancelled transfers again</source>
        <translation>Die ausgewählten fehlgeschlagenen oder abgebrochenen Übertragungen erneut einreihen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected finished transfers from the list (Delete)</source>
        <translation>Die ausgewählten beendeten Übertragungen aus der Liste entfernen (Entf)</translation>
    </message>
    <message>
        <source>Move to Top</source>
        <translation>An den Anfang</translation>
    </message>
    <message>
        <source>Start the selected waiting transfers next</source>
        <translation>Die ausgewählten wartenden Übertragungen als Nächstes starten</translation>
    </message>
    <message>
        <source>Pause All</source>
        <translation>Alle anhalten</translation>
    </message>
    <message>
        <source>Pause every transfer</source>
        <translation>Jede Übertragung anhalten</translation>
    </message>
    <message>
        <source>Resume All</source>
        <translation>Alle fortsetzen</translation>
    </message>
    <message>
        <source>Continue every paused transfer</source>
        <translation>Jede angehaltene Übertragung fortsetzen</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Remove the transfers that are done or cancelled (failed ones stay)</source>
        <translation>Die fertigen oder abgebrochenen Übertragungen entfernen (fehlgeschlagene bleiben)</translation>
    </message>
</context>
<context>
    <name>s3ui::TransferStatusWidget</name>
    <message numerus="yes">
        <source>%n active</source>
        <translation>
            <numerusform>%n aktiv</numerusform>
            <numerusform>%n aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>No active transfers</source>
        <translation>Keine aktiven Übertragungen</translation>
    </message>
    <message>
        <source>No transfers</source>
        <translation>Keine Übertragungen</translation>
    </message>
    <message>
        <source>Queued: %1
Running: %2
Paused: %3
Done: %4
Failed: %5
Cancelled: %6</source>
        <translation>Wartend: %1
Laufend: %2
Angehalten: %3
Fertig: %4
Fehlgeschlagen: %5
Abgebrochen: %6</translation>
    </message>
</context>
<context>
    <name>s3ui::UploadPlanner</name>
    <message>
        <source>a link to a folder, not followed</source>
        <translation>ein Link auf einen Ordner, nicht verfolgt</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>Could not check which files exist in s3://%1/%2: %3</source>
        <translation>Es konnte nicht geprüft werden, welche Dateien in s3://%1/%2 existieren: %3</translation>
    </message>
</context>
<context>
    <name>s3ui::VersionListModel</name>
    <message>
        <source>the server sent the same page markers twice; the list of versions stops here</source>
        <translation>der Server hat dieselben Seitenmarken zweimal gesendet; die Liste der Versionen endet hier</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Deleted (delete marker, current)</source>
        <translation>Gelöscht (Löschmarkierung, aktuell)</translation>
    </message>
    <message>
        <source>Delete marker</source>
        <translation>Löschmarkierung</translation>
    </message>
    <message>
        <source>Current version</source>
        <translation>Aktuelle Version</translation>
    </message>
    <message>
        <source>Older version</source>
        <translation>Ältere Version</translation>
    </message>
    <message>
        <source>A delete marker: the object reads as deleted while it is the newest entry. Undelete removes it.</source>
        <translation>Eine Löschmarkierung: Das Objekt gilt als gelöscht, solange sie der neueste Eintrag ist. Löschung aufheben entfernt sie.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Version ID</source>
        <translation>Versions-ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>s3ui::VersionsView</name>
    <message>
        <source>Download version…</source>
        <translation>Version herunterladen…</translation>
    </message>
    <message>
        <source>Presigned link to version…</source>
        <translation>Vorsignierter Link auf Version…</translation>
    </message>
    <message>
        <source>Version properties</source>
        <translation>Versionseigenschaften</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Diese Version wiederherstellen</translation>
    </message>
    <message>
        <source>Copy this version over the current one (on the server; every version is kept)</source>
        <translation>Diese Version über die aktuelle kopieren (auf dem Server; jede Version bleibt erhalten)</translation>
    </message>
    <message>
        <source>Delete version permanently…</source>
        <translation>Version endgültig löschen…</translation>
    </message>
    <message>
        <source>Undelete (remove the delete marker)</source>
        <translation>Löschung aufheben (Löschmarkierung entfernen)</translation>
    </message>
    <message>
        <source>Undelete %1</source>
        <translation>Löschung von %1 aufheben</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Listing the versions of s3://%1/%2 failed: %3</source>
        <translation>Das Auflisten der Versionen von s3://%1/%2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Download version to folder</source>
        <translation>Version in Ordner herunterladen</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>%1 kann nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>Cannot download %1: no free file name next to %2</source>
        <translation>%1 kann nicht heruntergeladen werden: kein freier Dateiname neben %2</translation>
    </message>
    <message>
        <source>Downloading version %1 of %2 to %3</source>
        <translation>Version %1 von %2 wird nach %3 heruntergeladen</translation>
    </message>
    <message>
        <source>Properties of version %1 of %2: %3</source>
        <translation>Eigenschaften der Version %1 von %2: %3</translation>
    </message>
    <message>
        <source>Key: %1
Version ID: %2
State: %3
Size: %4 (%5 bytes)
ETag: %6
Content type: %7
Last modified: %8
Storage class: %9</source>
        <translation>Objektschlüssel: %1
Versions-ID: %2
Zustand: %3
Größe: %4 (%5 Byte)
ETag: %6
Inhaltstyp: %7
Zuletzt geändert: %8
Speicherklasse: %9</translation>
    </message>
    <message>
        <source>current version</source>
        <translation>aktuelle Version</translation>
    </message>
    <message>
        <source>older version</source>
        <translation>ältere Version</translation>
    </message>
    <message>
        <source>
Encryption: %1</source>
        <translation>
Verschlüsselung: %1</translation>
    </message>
    <message>
        <source>Version properties – %1</source>
        <translation>Versionseigenschaften – %1</translation>
    </message>
    <message>
        <source>Restore version %1 of %2</source>
        <translation>Version %1 von %2 wiederherstellen</translation>
    </message>
    <message>
        <source>Remove the delete marker %1 of “%2” permanently?</source>
        <translation>Die Löschmarkierung %1 von „%2“ endgültig entfernen?</translation>
    </message>
    <message>
        <source>Delete version %1 of “%2” permanently?</source>
        <translation>Version %1 von „%2“ endgültig löschen?</translation>
    </message>
    <message>
        <source>Delete version permanently</source>
        <translation>Version endgültig löschen</translation>
    </message>
    <message>
        <source>Removing a delete marker cannot be undone.</source>
        <translation>Das Entfernen einer Löschmarkierung kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>This version and its data are removed for good: it cannot be restored or undone. The other versions stay.</source>
        <translation>Diese Version und ihre Daten werden endgültig entfernt: Das kann weder wiederhergestellt noch rückgängig gemacht werden. Die anderen Versionen bleiben.</translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message>
        <source>Delete version %1 of %2</source>
        <translation>Version %1 von %2 löschen</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
</context>
<context>
    <name>s3ui::counttext</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln Objekt</numerusform>
            <numerusform>%Ln Objekte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 and %3 in all, %4)</source>
        <translation>%1 (%2 und %3 insgesamt, %4)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln version(s)</source>
        <translation>
            <numerusform>%Ln Version</numerusform>
            <numerusform>%Ln Versionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln delete marker(s)</source>
        <translation>
            <numerusform>%Ln Löschmarkierung</numerusform>
            <numerusform>%Ln Löschmarkierungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting… %1 so far</source>
        <translation>Wird gezählt… bisher %1</translation>
    </message>
    <message>
        <source>Delete %1 (%2)?</source>
        <translation>%1 (%2) löschen?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s)</source>
        <translation>
            <numerusform>%Ln Ordner</numerusform>
            <numerusform>%Ln Ordner</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Delete %1: %2?</source>
        <translation>%1 löschen: %2?</translation>
    </message>
</context>
<context>
    <name>s3ui::synctext</name>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>size differs</source>
        <translation>Größe verschieden</translation>
    </message>
    <message>
        <source>newer</source>
        <translation>neuer</translation>
    </message>
    <message>
        <source>same ETag</source>
        <translation>gleiches ETag</translation>
    </message>
    <message>
        <source>same MD5</source>
        <translation>gleiche MD5</translation>
    </message>
    <message>
        <source>same size and time</source>
        <translation>gleiche Größe und Zeit</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>ausgeschlossen</translation>
    </message>
    <message>
        <source>not in the source</source>
        <translation>nicht in der Quelle</translation>
    </message>
    <message>
        <source>not in the source (kept)</source>
        <translation>nicht in der Quelle (behalten)</translation>
    </message>
    <message>
        <source>%1 (MD5 not equal: time decided)</source>
        <translation>%1 (MD5 verschieden: Zeit entschied)</translation>
    </message>
    <message>
        <source>%L1 to upload (%2)</source>
        <translation>%L1 hochzuladen (%2)</translation>
    </message>
    <message>
        <source>%L1 to download (%2)</source>
        <translation>%L1 herunterzuladen (%2)</translation>
    </message>
    <message>
        <source>%L1 to delete (%2)</source>
        <translation>%L1 zu löschen (%2)</translation>
    </message>
    <message>
        <source>Nothing to do</source>
        <translation>Nichts zu tun</translation>
    </message>
    <message>
        <source>%L1 unchanged</source>
        <translation>%L1 unverändert</translation>
    </message>
    <message>
        <source>%L1 kept (not in the source)</source>
        <translation>%L1 behalten (nicht in der Quelle)</translation>
    </message>
    <message>
        <source>%L1 excluded</source>
        <translation>%L1 ausgeschlossen</translation>
    </message>
    <message>
        <source>%L1 by size</source>
        <translation>%L1 nach Größe</translation>
    </message>
    <message>
        <source>%L1 by size and time</source>
        <translation>%L1 nach Größe und Zeit</translation>
    </message>
    <message>
        <source>%L1 by MD5</source>
        <translation>%L1 nach MD5</translation>
    </message>
    <message>
        <source>%L1 by MD5, then time</source>
        <translation>%L1 nach MD5, dann Zeit</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>; compared %1</source>
        <translation>; verglichen: %1</translation>
    </message>
</context>
</TS>
