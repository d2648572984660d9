// SPDX-License-Identifier: Apache-2.0
#include "s3core/xml/s3xml.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace s3::xml {

namespace {

const QString &s3Namespace()
{
    static const QString ns = QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/");
    return ns;
}

// S3 documents are two or three levels deep; the limit only keeps a hostile body from exhausting the stack.
constexpr int kMaxDepth = 32;

/**
 * A small element tree built from QXmlStreamReader. S3 bodies are small (a listing page is at most 1000
 * entries), and a tree lets every parser look children up by local name, whatever the namespace (AWS and
 * Ceph send the S3 namespace, some servers send none).
 */
struct Element
{
    QString name; // local name
    QString text; // concatenated character data (CDATA included), not trimmed: keys may end in spaces
    std::vector<Element> children;
    qint64 line = 0;
    qint64 column = 0;

    const Element *child(QLatin1String childName) const
    {
        for (const Element &c : children) {
            if (c.name == childName)
                return &c;
        }
        return nullptr;
    }

    QString childText(QLatin1String childName) const
    {
        const Element *c = child(childName);
        return c ? c->text : QString();
    }

    template<typename F>
    void forEach(QLatin1String childName, F &&f) const
    {
        for (const Element &c : children) {
            if (c.name == childName)
                f(c);
        }
    }
};

S3Error malformed(const QString &what, qint64 line, qint64 column)
{
    return S3Error::invalid(
        QStringLiteral("malformed XML from server: %1 at line %2 column %3").arg(what).arg(line).arg(column));
}

// Reads the element whose StartElement the reader is positioned on, children included.
bool readElement(QXmlStreamReader &reader, Element &element, int depth)
{
    element.name = reader.name().toString();
    element.line = reader.lineNumber();
    element.column = reader.columnNumber();
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            if (depth >= kMaxDepth) {
                reader.raiseError(QStringLiteral("elements nested too deeply"));
                return false;
            }
            // The reference stays valid: element.children is not touched while the child is read.
            element.children.emplace_back();
            if (!readElement(reader, element.children.back(), depth + 1))
                return false;
            break;
        case QXmlStreamReader::Characters:
            element.text += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            return true;
        default:
            break;
        }
    }
    return false; // the reader has an error (the data is complete, so running out is PrematureEndOfDocument)
}

Result<Element> parseDocument(const QByteArray &body)
{
    // Constructed with the whole body, the reader treats running out of data as an error, so a truncated
    // body is reported instead of yielding a half-filled result.
    QXmlStreamReader reader(body);
    Element root;
    bool haveRoot = false;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement) {
            if (!readElement(reader, root, 1))
                break;
            haveRoot = true;
        }
    }
    if (reader.hasError())
        return malformed(reader.errorString(), reader.lineNumber(), reader.columnNumber());
    if (!haveRoot)
        return malformed(QStringLiteral("no root element"), reader.lineNumber(), reader.columnNumber());
    return root;
}

QString trimmedText(const Element &e, QLatin1String childName)
{
    return e.childText(childName).trimmed();
}

bool toBool(const QString &text)
{
    return text.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

qint64 toInt64(const QString &text, qint64 fallback)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    return ok ? v : fallback;
}

int toInt(const QString &text, int fallback)
{
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    return ok ? v : fallback;
}

S3Error errorFromElement(const Element &root, int httpStatus)
{
    QString code = trimmedText(root, QLatin1String("Code"));
    if (code.isEmpty() && httpStatus >= 300)
        code = S3Error::fromHttpStatus(httpStatus).code();
    QString resource = root.childText(QLatin1String("Resource"));
    if (resource.isEmpty())
        resource = root.childText(QLatin1String("Key"));
    if (resource.isEmpty())
        resource = root.childText(QLatin1String("BucketName")); // Ceph RGW
    if (resource.isEmpty())
        resource = root.childText(QLatin1String("Bucket"));
    S3Error e = S3Error::fromS3(httpStatus, code, root.childText(QLatin1String("Message")).trimmed(),
                                trimmedText(root, QLatin1String("RequestId")), resource);
    e.setHostId(trimmedText(root, QLatin1String("HostId")));
    e.setRegion(trimmedText(root, QLatin1String("Region")));
    e.setEndpointHint(trimmedText(root, QLatin1String("Endpoint")));
    return e;
}

/**
 * Parses a success document. A 200 response can carry an <Error> document (CompleteMultipartUpload and
 * CopyObject answer 200 first and fail later), so an <Error> root becomes that S3 error.
 */
Result<Element> parseRoot(const QByteArray &body, std::initializer_list<QLatin1String> expectedRoots)
{
    Result<Element> doc = parseDocument(body);
    if (!doc)
        return doc.error();
    const Element &root = doc.value();
    if (root.name == QLatin1String("Error"))
        return errorFromElement(root, 200);
    for (QLatin1String expected : expectedRoots) {
        if (root.name == expected)
            return doc;
    }
    return malformed(QStringLiteral("unexpected root element <%1>, expected <%2>")
                         .arg(root.name, QString(*expectedRoots.begin())),
                     root.line, root.column);
}

S3Error incomplete(const QString &root, const QString &missing)
{
    return S3Error::invalid(
        QStringLiteral("incomplete answer from server: <%1> has no <%2>").arg(root, missing));
}

// encoding-type=url: what the server encodes is application/x-www-form-urlencoded-like. AWS S3 writes a
// space as '+' (measured: "a b.txt" lists as "a+b.txt" and "a+b.txt" as "a%2Bb.txt"; boto, botocore
// (unquote_plus) and the AWS Java SDK (URLDecoder) decode '+' as a space), while some servers (MinIO, Ceph)
// write "%20". Decoding '+' as a space is right for both: a server that encodes at all must encode a
// literal '+' as %2B, otherwise the listing could not tell "a b" from "a+b". So: '+' -> ' ', then
// percent-decode, then UTF-8.
QString urlDecode(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

// Writes text, turning carriage returns into &#13; (Qt 6.4's writer emits them raw, and a raw CR would be
// normalised to LF by the server's XML parser, naming another key).
void writeText(QXmlStreamWriter &writer, const QString &name, const QString &text)
{
    writer.writeStartElement(name);
    qsizetype start = 0;
    for (;;) {
        const qsizetype cr = text.indexOf(QLatin1Char('\r'), start);
        if (cr < 0)
            break;
        if (cr > start)
            writer.writeCharacters(text.mid(start, cr - start));
        writer.writeEntityReference(QStringLiteral("#13"));
        start = cr + 1;
    }
    if (start < text.size())
        writer.writeCharacters(text.mid(start));
    writer.writeEndElement();
}

} // namespace

S3Error parseError(const QByteArray &body, int httpStatus)
{
    const Result<Element> doc = parseDocument(body);
    if (!doc || doc->name != QLatin1String("Error"))
        return {};
    return errorFromElement(doc.value(), httpStatus);
}

bool isErrorDocument(const QByteArray &body)
{
    // Only the root matters: a truncated <Error> document is still an error answer.
    QXmlStreamReader reader(body);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement)
            return reader.name() == QLatin1String("Error");
    }
    return false;
}

Result<ListBucketsResult> parseListBuckets(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListAllMyBucketsResult")});
    if (!doc)
        return doc.error();
    ListBucketsResult result;
    if (const Element *owner = doc->child(QLatin1String("Owner"))) {
        result.ownerId = owner->childText(QLatin1String("ID"));
        result.ownerDisplayName = owner->childText(QLatin1String("DisplayName"));
    }
    if (const Element *buckets = doc->child(QLatin1String("Buckets"))) {
        buckets->forEach(QLatin1String("Bucket"), [&](const Element &b) {
            result.buckets.append({b.childText(QLatin1String("Name")),
                                   parseTimestamp(b.childText(QLatin1String("CreationDate")))});
        });
    }
    return result;
}

Result<ListObjectsPage> parseListObjectsV2(const QByteArray &body, bool urlEncoded)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListBucketResult")});
    if (!doc)
        return doc.error();
    const Element &root = doc.value();

    // Decode when the caller asked for encoding-type=url, unless the server says it used another (or no
    // explicit "url") encoding: a response that names its EncodingType is trusted over the request.
    bool decode = urlEncoded;
    if (const Element *enc = root.child(QLatin1String("EncodingType")))
        decode = urlEncoded && enc->text.trimmed().compare(QLatin1String("url"), Qt::CaseInsensitive) == 0;
    const auto text = [decode](const QString &s) { return decode ? urlDecode(s) : s; };

    ListObjectsPage page;
    page.bucket = root.childText(QLatin1String("Name"));
    page.prefix = text(root.childText(QLatin1String("Prefix")));
    page.delimiter = text(root.childText(QLatin1String("Delimiter")));
    page.startAfter = text(root.childText(QLatin1String("StartAfter")));
    page.isTruncated = toBool(root.childText(QLatin1String("IsTruncated")));
    // Continuation tokens are opaque and never url-encoded by the server.
    page.nextContinuationToken = root.childText(QLatin1String("NextContinuationToken"));
    page.keyCount = toInt(root.childText(QLatin1String("KeyCount")), -1);
    page.maxKeys = toInt(root.childText(QLatin1String("MaxKeys")), -1);

    for (const Element &c : root.children) {
        if (c.name == QLatin1String("Contents")) {
            ObjectInfo info;
            info.key = text(c.childText(QLatin1String("Key")));
            info.size = toInt64(c.childText(QLatin1String("Size")), 0);
            info.etag = c.childText(QLatin1String("ETag")).trimmed();
            info.lastModified = parseTimestamp(c.childText(QLatin1String("LastModified")));
            info.storageClass = trimmedText(c, QLatin1String("StorageClass"));
            if (const Element *owner = c.child(QLatin1String("Owner"))) {
                info.ownerId = owner->childText(QLatin1String("ID"));
                info.ownerDisplayName = owner->childText(QLatin1String("DisplayName"));
            }
            page.objects.append(std::move(info));
        } else if (c.name == QLatin1String("CommonPrefixes")) {
            c.forEach(QLatin1String("Prefix"), [&](const Element &p) { page.commonPrefixes.append(text(p.text)); });
        }
    }
    return page;
}

Result<InitiateMultipartUploadResult> parseInitiateMultipartUpload(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("InitiateMultipartUploadResult")});
    if (!doc)
        return doc.error();
    InitiateMultipartUploadResult result;
    result.bucket = doc->childText(QLatin1String("Bucket"));
    result.key = doc->childText(QLatin1String("Key"));
    result.uploadId = trimmedText(doc.value(), QLatin1String("UploadId"));
    if (result.uploadId.isEmpty())
        return incomplete(doc->name, QStringLiteral("UploadId"));
    return result;
}

Result<CompleteMultipartUploadResult> parseCompleteMultipartUpload(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("CompleteMultipartUploadResult")});
    if (!doc)
        return doc.error();
    CompleteMultipartUploadResult result;
    result.location = trimmedText(doc.value(), QLatin1String("Location"));
    result.bucket = doc->childText(QLatin1String("Bucket"));
    result.key = doc->childText(QLatin1String("Key"));
    result.etag = trimmedText(doc.value(), QLatin1String("ETag"));
    return result;
}

Result<CopyObjectResult> parseCopyObject(const QByteArray &body)
{
    // UploadPartCopy answers with the same fields under <CopyPartResult>.
    const Result<Element> doc =
        parseRoot(body, {QLatin1String("CopyObjectResult"), QLatin1String("CopyPartResult")});
    if (!doc)
        return doc.error();
    CopyObjectResult result;
    result.etag = trimmedText(doc.value(), QLatin1String("ETag"));
    result.lastModified = parseTimestamp(doc->childText(QLatin1String("LastModified")));
    return result;
}

Result<DeleteObjectsResult> parseDeleteObjects(const QByteArray &body)
{
    // The root is <DeleteResult>; its per-key <Error> children are failures of single keys, not of the call.
    const Result<Element> doc = parseRoot(body, {QLatin1String("DeleteResult")});
    if (!doc)
        return doc.error();
    DeleteObjectsResult result;
    for (const Element &c : doc->children) {
        if (c.name == QLatin1String("Deleted")) {
            result.deleted.append({c.childText(QLatin1String("Key")), c.childText(QLatin1String("VersionId"))});
        } else if (c.name == QLatin1String("Error")) {
            result.errors.append({c.childText(QLatin1String("Key")), c.childText(QLatin1String("VersionId")),
                                  trimmedText(c, QLatin1String("Code")), c.childText(QLatin1String("Message"))});
        }
    }
    return result;
}

Result<ListPartsResult> parseListParts(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListPartsResult")});
    if (!doc)
        return doc.error();
    ListPartsResult result;
    result.bucket = doc->childText(QLatin1String("Bucket"));
    result.key = doc->childText(QLatin1String("Key"));
    result.uploadId = trimmedText(doc.value(), QLatin1String("UploadId"));
    result.isTruncated = toBool(doc->childText(QLatin1String("IsTruncated")));
    result.nextPartNumberMarker = toInt(doc->childText(QLatin1String("NextPartNumberMarker")), 0);
    doc->forEach(QLatin1String("Part"), [&](const Element &p) {
        PartInfo part;
        part.partNumber = toInt(p.childText(QLatin1String("PartNumber")), 0);
        part.etag = trimmedText(p, QLatin1String("ETag"));
        part.size = toInt64(p.childText(QLatin1String("Size")), 0);
        part.lastModified = parseTimestamp(p.childText(QLatin1String("LastModified")));
        result.parts.append(std::move(part));
    });
    return result;
}

Result<ListMultipartUploadsResult> parseListMultipartUploads(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListMultipartUploadsResult")});
    if (!doc)
        return doc.error();
    ListMultipartUploadsResult result;
    result.bucket = doc->childText(QLatin1String("Bucket"));
    result.isTruncated = toBool(doc->childText(QLatin1String("IsTruncated")));
    result.nextKeyMarker = doc->childText(QLatin1String("NextKeyMarker"));
    result.nextUploadIdMarker = doc->childText(QLatin1String("NextUploadIdMarker"));
    for (const Element &c : doc->children) {
        if (c.name == QLatin1String("Upload")) {
            MultipartUploadInfo upload;
            upload.key = c.childText(QLatin1String("Key"));
            upload.uploadId = trimmedText(c, QLatin1String("UploadId"));
            upload.initiated = parseTimestamp(c.childText(QLatin1String("Initiated")));
            upload.storageClass = trimmedText(c, QLatin1String("StorageClass"));
            result.uploads.append(std::move(upload));
        } else if (c.name == QLatin1String("CommonPrefixes")) {
            c.forEach(QLatin1String("Prefix"), [&](const Element &p) { result.commonPrefixes.append(p.text); });
        }
    }
    return result;
}

Result<QString> parseBucketLocation(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("LocationConstraint")});
    if (!doc)
        return doc.error();
    const QString region = doc->text.trimmed();
    // "EU" is the legacy name S3 still reports for buckets created in eu-west-1 long ago.
    if (region == QLatin1String("EU"))
        return QStringLiteral("eu-west-1");
    return region;
}

QByteArray buildCompleteMultipartUpload(QList<CompletedPart> parts)
{
    std::stable_sort(parts.begin(), parts.end(),
                     [](const CompletedPart &a, const CompletedPart &b) { return a.partNumber < b.partNumber; });
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument(); // <?xml version="1.0" encoding="UTF-8"?>
    writer.writeStartElement(QStringLiteral("CompleteMultipartUpload"));
    writer.writeDefaultNamespace(s3Namespace());
    for (const CompletedPart &part : std::as_const(parts)) {
        writer.writeStartElement(QStringLiteral("Part"));
        writeText(writer, QStringLiteral("ETag"), part.etag);
        writer.writeTextElement(QStringLiteral("PartNumber"), QString::number(part.partNumber));
        writer.writeEndElement();
    }
    writer.writeEndElement();
    // No writeEndDocument(): it appends a newline, and the body is compared byte for byte in tests.
    return out;
}

bool isXmlSafeKey(const QString &key)
{
    // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    // CR is representable because writeText() escapes it as &#13;.
    const qsizetype n = key.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = key.at(i).unicode();
        if (c < 0x20) {
            if (c != 0x9 && c != 0xA && c != 0xD)
                return false;
        } else if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= n || !QChar::isLowSurrogate(key.at(i + 1).unicode()))
                return false;
            ++i;
        } else if (QChar::isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
    }
    return true;
}

QByteArray buildDeleteObjects(const QStringList &keys, bool quiet)
{
    // A key that XML 1.0 cannot carry would be dropped or altered by the writer, and the server would then
    // delete a *different* object. Refuse the whole batch: the caller checks isXmlSafeKey() and deletes such
    // keys one by one with DeleteObject, whose key travels percent-encoded in the URL.
    for (const QString &key : keys) {
        if (!isXmlSafeKey(key))
            return {};
    }
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("Delete"));
    writer.writeDefaultNamespace(s3Namespace());
    if (quiet)
        writer.writeTextElement(QStringLiteral("Quiet"), QStringLiteral("true"));
    for (const QString &key : keys) {
        writer.writeStartElement(QStringLiteral("Object"));
        writeText(writer, QStringLiteral("Key"), key);
        writer.writeEndElement();
    }
    writer.writeEndElement();
    return out;
}

QByteArray buildCreateBucketConfiguration(const QString &region)
{
    // us-east-1 is the default location; AWS rejects an explicit us-east-1 LocationConstraint.
    if (region.isEmpty() || region == QLatin1String("us-east-1"))
        return {};
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("CreateBucketConfiguration"));
    writer.writeDefaultNamespace(s3Namespace());
    writer.writeTextElement(QStringLiteral("LocationConstraint"), region);
    writer.writeEndElement();
    return out;
}

QDateTime parseTimestamp(const QString &text)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return {};
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        // HTTP dates ("Mon, 12 Oct 2009 17:50:30 GMT"); Qt 6.4's RFC 2822 parser wants a numeric offset.
        QString rfc = s;
        if (rfc.endsWith(QLatin1String(" GMT")) || rfc.endsWith(QLatin1String(" UTC")))
            rfc = rfc.left(rfc.size() - 3) + QStringLiteral("+0000");
        dt = QDateTime::fromString(rfc, Qt::RFC2822Date);
    }
    if (!dt.isValid())
        return {};
    // S3 timestamps are UTC; one without a zone designator means UTC, not local time.
    if (dt.timeSpec() == Qt::LocalTime)
        dt = QDateTime(dt.date(), dt.time(), Qt::UTC);
    return dt.toUTC();
}

} // namespace s3::xml
