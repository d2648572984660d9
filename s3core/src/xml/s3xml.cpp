// SPDX-License-Identifier: Apache-2.0
#include "s3core/xml/s3xml.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include <QBuffer>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include "s3core/net/httpvalues.h"

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

/**
 * Children of the root that a parser consumes one by one (each <Contents> of a listing...): handed over as
 * soon as they are complete and then dropped, so a page costs memory for what the parser keeps, not for a
 * tree of the whole document. An error stops the parse.
 */
struct StreamedChildren
{
    std::initializer_list<QLatin1String> roots; ///< only under these roots (an <Error> document is kept whole)
    QList<QLatin1String> names;
    std::function<Result<Ok>(const Element &)> take;

    bool wants(const QString &name) const
    {
        return take && std::any_of(names.begin(), names.end(), [&](QLatin1String n) { return name == n; });
    }
    bool streamsUnder(QStringView rootName) const
    {
        return take && std::any_of(roots.begin(), roots.end(), [&](QLatin1String n) { return rootName == n; });
    }
};

class Parser
{
public:
    explicit Parser(const QByteArray &body)
    {
        // Read through a device: the reader then decodes a few KiB at a time instead of the whole body to
        // UTF-16 at once. At the device's end, missing closing tags are an error (a truncated body is reported
        // instead of yielding a half-filled result).
        m_device.setData(body);
        m_device.open(QIODevice::ReadOnly);
        m_reader.setDevice(&m_device);
    }

    Result<Element> parse(const StreamedChildren &streamed)
    {
        Element root;
        bool haveRoot = false;
        while (!m_reader.atEnd()) {
            const QXmlStreamReader::TokenType token = m_reader.readNext();
            if (token == QXmlStreamReader::DTD) {
                // S3 answers never carry one; refusing it rules out entity expansion tricks.
                m_reader.raiseError(QStringLiteral("the answer has a document type declaration (DTD), which S3 answers never have"));
                break;
            }
            if (token == QXmlStreamReader::StartElement) {
                if (!readElement(root, 1, streamed.streamsUnder(m_reader.name()) ? &streamed : nullptr))
                    break;
                haveRoot = true;
            }
        }
        if (!m_streamError.isError() && m_reader.hasError())
            return malformed(m_reader.errorString(), m_reader.lineNumber(), m_reader.columnNumber());
        if (m_streamError.isError())
            return m_streamError;
        if (!haveRoot)
            return malformed(QStringLiteral("no root element"), m_reader.lineNumber(), m_reader.columnNumber());
        return root;
    }

private:
    // One shared string per distinct element name instead of one allocation per element.
    QString internedName(QStringView name)
    {
        for (const QString &known : std::as_const(m_names)) {
            if (known == name)
                return known;
        }
        if (m_names.size() < 64)
            m_names.append(name.toString());
        return name.toString();
    }

    // Reads the element whose StartElement the reader is positioned on, children included.
    bool readElement(Element &element, int depth, const StreamedChildren *streamed)
    {
        element.name = internedName(m_reader.name());
        element.line = m_reader.lineNumber();
        element.column = m_reader.columnNumber();
        while (!m_reader.atEnd()) {
            switch (m_reader.readNext()) {
            case QXmlStreamReader::StartElement: {
                if (depth >= kMaxDepth) {
                    m_reader.raiseError(QStringLiteral("elements nested too deeply"));
                    return false;
                }
                // Whitespace between child elements is layout, not content.
                if (element.children.empty() && !element.text.isEmpty() && element.text.trimmed().isEmpty())
                    element.text.clear();
                // The reference stays valid: element.children is not touched while the child is read.
                element.children.emplace_back();
                Element &child = element.children.back();
                if (!readElement(child, depth + 1, nullptr))
                    return false;
                if (streamed && streamed->wants(child.name)) {
                    if (Result<Ok> taken = streamed->take(child); !taken) {
                        m_streamError = taken.error();
                        m_reader.raiseError(m_streamError.message());
                        return false;
                    }
                    element.children.pop_back();
                }
                break;
            }
            case QXmlStreamReader::Characters:
                if (element.children.empty() || !m_reader.isWhitespace())
                    element.text += m_reader.text();
                break;
            case QXmlStreamReader::EndElement:
                return true;
            default:
                break;
            }
        }
        return false; // the reader has an error
    }

    QBuffer m_device;
    QXmlStreamReader m_reader;
    QList<QString> m_names;
    S3Error m_streamError;
};

Result<Element> parseDocument(const QByteArray &body, const StreamedChildren &streamed = {})
{
    Parser parser(body);
    return parser.parse(streamed);
}

QString trimmedText(const Element &e, QLatin1String childName)
{
    return e.childText(childName).trimmed();
}

bool toBool(const QString &text)
{
    return text.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

int toInt(const QString &text, int fallback)
{
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    return ok ? v : fallback;
}

// Sizes feed planning (ranges, parts, comparisons): a missing, garbage or impossible one is an error, never 0.
Result<qint64> sizeOf(const Element &e, QLatin1String childName, const QString &what)
{
    const QString text = e.childText(childName).trimmed();
    bool digitsOnly = !text.isEmpty();
    for (const QChar c : text)
        digitsOnly = digitsOnly && c >= u'0' && c <= u'9';
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!digitsOnly || !ok)
        return malformed(QStringLiteral("%1 has no valid <%2> (\"%3\")").arg(what, QString(childName), text.left(40)), e.line, e.column);
    if (Result<qint64> checked = checkObjectSize(v, what); !checked)
        return checked.error();
    return v;
}

// Equal strings repeated on every entry (storage class, owner) share one allocation.
void shareRepeated(QString &value, QString &previous)
{
    if (value == previous)
        value = previous;
    else
        previous = value;
}

// The fields that object and version listings both carry on every entry and that repeat from one entry to the
// next: one reader per page shares their allocations.
class RepeatedEntryFields
{
public:
    void readStorageClass(const Element &entry, QString &storageClass)
    {
        storageClass = trimmedText(entry, QLatin1String("StorageClass"));
        shareRepeated(storageClass, m_storageClass);
    }

    void readOwner(const Element &entry, QString &ownerId, QString &ownerDisplayName)
    {
        const Element *owner = entry.child(QLatin1String("Owner"));
        if (!owner)
            return;
        ownerId = owner->childText(QLatin1String("ID"));
        ownerDisplayName = owner->childText(QLatin1String("DisplayName"));
        shareRepeated(ownerId, m_ownerId);
        shareRepeated(ownerDisplayName, m_ownerDisplayName);
    }

private:
    QString m_storageClass;
    QString m_ownerId;
    QString m_ownerDisplayName;
};

// Keys are url-encoded when the caller asked for encoding-type=url, unless the answer names another (or no
// explicit "url") encoding: an answer that names its EncodingType is trusted over the request. The element may
// come after the entries, so callers decode once the whole page is read.
bool answerIsUrlEncoded(const Element &root, bool requested)
{
    if (const Element *enc = root.child(QLatin1String("EncodingType")))
        return requested && enc->text.trimmed().compare(QLatin1String("url"), Qt::CaseInsensitive) == 0;
    return requested;
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
Result<Element> parseRoot(const QByteArray &body, std::initializer_list<QLatin1String> expectedRoots,
                          const StreamedChildren &streamed = {})
{
    StreamedChildren underRoots = streamed;
    underRoots.roots = expectedRoots;
    Result<Element> doc = parseDocument(body, underRoots);
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

namespace {
QString decoded(const QString &text, bool decode)
{
    return decode ? urlDecode(text) : text;
}

// What object and version listings both carry around their entries: the bucket, prefix, delimiter, whether more
// pages follow, the page size, and the folders (decoded here). Returns whether the answer's keys are url-encoded.
template<typename Page>
bool readListingHead(const Element &root, bool urlEncoded, Page &page)
{
    const bool decode = answerIsUrlEncoded(root, urlEncoded);
    page.bucket = root.childText(QLatin1String("Name"));
    page.prefix = decoded(root.childText(QLatin1String("Prefix")), decode);
    page.delimiter = decoded(root.childText(QLatin1String("Delimiter")), decode);
    page.isTruncated = toBool(root.childText(QLatin1String("IsTruncated")));
    page.maxKeys = toInt(root.childText(QLatin1String("MaxKeys")), -1);
    if (decode) {
        for (QString &prefix : page.commonPrefixes)
            prefix = urlDecode(prefix);
    }
    return decode;
}
} // namespace

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
    QBuffer device;
    device.setData(body);
    device.open(QIODevice::ReadOnly);
    QXmlStreamReader reader(&device);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement)
            return reader.name() == QLatin1String("Error");
    }
    return false;
}

Result<ListBucketsResult> parseListBuckets(const QByteArray &body)
{
    ListBucketsResult result;
    // <Buckets> holds every bucket: streamed so the list is not kept twice.
    const StreamedChildren buckets{{}, {QLatin1String("Buckets")}, [&](const Element &list) -> Result<Ok> {
        list.forEach(QLatin1String("Bucket"), [&](const Element &b) {
            result.buckets.append({b.childText(QLatin1String("Name")),
                                   parseTimestamp(b.childText(QLatin1String("CreationDate")))});
        });
        return Ok{};
    }};
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListAllMyBucketsResult")}, buckets);
    if (!doc)
        return doc.error();
    if (const Element *owner = doc->child(QLatin1String("Owner"))) {
        result.ownerId = owner->childText(QLatin1String("ID"));
        result.ownerDisplayName = owner->childText(QLatin1String("DisplayName"));
    }
    return result;
}

Result<ListObjectsPage> parseListObjectsV2(const QByteArray &body, bool urlEncoded)
{
    ListObjectsPage page;
    RepeatedEntryFields repeated;
    // Entries are converted as they complete and their elements dropped: memory follows what the page keeps.
    const StreamedChildren entries{{}, {QLatin1String("Contents"), QLatin1String("CommonPrefixes")}, [&](const Element &c) -> Result<Ok> {
        if (c.name == QLatin1String("CommonPrefixes")) {
            c.forEach(QLatin1String("Prefix"), [&](const Element &p) { page.commonPrefixes.append(p.text); });
            return Ok{};
        }
        ObjectInfo info;
        info.key = c.childText(QLatin1String("Key"));
        const Result<qint64> size = sizeOf(c, QLatin1String("Size"), QStringLiteral("the listed object \"%1\"").arg(info.key.left(200)));
        if (!size)
            return size.error();
        info.size = *size;
        info.etag = c.childText(QLatin1String("ETag")).trimmed();
        info.lastModified = parseTimestamp(c.childText(QLatin1String("LastModified")));
        repeated.readStorageClass(c, info.storageClass);
        repeated.readOwner(c, info.ownerId, info.ownerDisplayName);
        page.objects.append(std::move(info));
        return Ok{};
    }};
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListBucketResult")}, entries);
    if (!doc)
        return doc.error();
    const Element &root = doc.value();

    const bool decode = readListingHead(root, urlEncoded, page);
    page.startAfter = decoded(root.childText(QLatin1String("StartAfter")), decode);
    // Continuation tokens are opaque and never url-encoded by the server.
    page.nextContinuationToken = root.childText(QLatin1String("NextContinuationToken"));
    page.keyCount = toInt(root.childText(QLatin1String("KeyCount")), -1);
    if (decode) {
        for (ObjectInfo &info : page.objects)
            info.key = urlDecode(info.key);
    }
    return page;
}

Result<ListObjectVersionsPage> parseListObjectVersions(const QByteArray &body, bool urlEncoded)
{
    ListObjectVersionsPage page;
    RepeatedEntryFields repeated;
    int entries = 0;
    // Entries are converted as they complete, in document order: versions and delete markers of one key arrive
    // interleaved, newest first, and that order is what the caller shows.
    const StreamedChildren streamed{
        {}, {QLatin1String("Version"), QLatin1String("DeleteMarker"), QLatin1String("CommonPrefixes")},
        [&](const Element &c) -> Result<Ok> {
            if (++entries > MaxEntriesInVersionsPage)
                return S3Error::invalid(QStringLiteral("the server sent more than %1 entries in one page of versions")
                                            .arg(MaxEntriesInVersionsPage));
            if (c.name == QLatin1String("CommonPrefixes")) {
                c.forEach(QLatin1String("Prefix"), [&](const Element &p) { page.commonPrefixes.append(p.text); });
                return Ok{};
            }
            ObjectVersion version;
            version.isDeleteMarker = c.name == QLatin1String("DeleteMarker");
            const Element *key = c.child(QLatin1String("Key"));
            if (!key || key->text.isEmpty())
                return malformed(QStringLiteral("<%1> has no <Key>").arg(c.name), c.line, c.column);
            version.key = key->text;
            version.versionId = trimmedText(c, QLatin1String("VersionId"));
            if (version.versionId.isEmpty())
                return malformed(QStringLiteral("<%1> of \"%2\" has no <VersionId>").arg(c.name, version.key.left(200)), c.line, c.column);
            if (version.versionId.size() > MaxVersionIdLength)
                return malformed(QStringLiteral("<%1> of \"%2\" has a version id longer than %3 characters")
                                     .arg(c.name, version.key.left(200))
                                     .arg(MaxVersionIdLength),
                                 c.line, c.column);
            version.isLatest = toBool(c.childText(QLatin1String("IsLatest")));
            version.lastModified = parseTimestamp(c.childText(QLatin1String("LastModified")));
            if (!version.isDeleteMarker) {
                const Result<qint64> size =
                    sizeOf(c, QLatin1String("Size"), QStringLiteral("the listed version of \"%1\"").arg(version.key.left(200)));
                if (!size)
                    return size.error();
                version.size = *size;
                version.etag = c.childText(QLatin1String("ETag")).trimmed();
                repeated.readStorageClass(c, version.storageClass);
            }
            repeated.readOwner(c, version.ownerId, version.ownerDisplayName);
            page.versions.append(std::move(version));
            return Ok{};
        }};
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListVersionsResult")}, streamed);
    if (!doc)
        return doc.error();
    const Element &root = doc.value();

    const bool decode = readListingHead(root, urlEncoded, page);
    page.keyMarker = decoded(root.childText(QLatin1String("KeyMarker")), decode);
    page.versionIdMarker = trimmedText(root, QLatin1String("VersionIdMarker"));
    page.nextKeyMarker = decoded(root.childText(QLatin1String("NextKeyMarker")), decode);
    page.nextVersionIdMarker = trimmedText(root, QLatin1String("NextVersionIdMarker"));
    if (page.nextVersionIdMarker.size() > MaxVersionIdLength)
        return malformed(QStringLiteral("<NextVersionIdMarker> is longer than %1 characters").arg(MaxVersionIdLength),
                         root.line, root.column);
    if (page.isTruncated && page.nextKeyMarker.isEmpty())
        return incomplete(root.name, QStringLiteral("NextKeyMarker"));
    if (decode) {
        for (ObjectVersion &version : page.versions)
            version.key = urlDecode(version.key);
    }
    return page;
}

Result<BucketVersioning> parseVersioningConfiguration(const QByteArray &body)
{
    // Some servers answer a bucket never versioned with an empty body.
    if (body.trimmed().isEmpty())
        return BucketVersioning::Unversioned;
    const Result<Element> doc = parseRoot(body, {QLatin1String("VersioningConfiguration")});
    if (!doc)
        return doc.error();
    const QString status = trimmedText(doc.value(), QLatin1String("Status"));
    if (status.isEmpty())
        return BucketVersioning::Unversioned;
    if (status == QLatin1String("Enabled"))
        return BucketVersioning::Enabled;
    if (status == QLatin1String("Suspended"))
        return BucketVersioning::Suspended;
    return S3Error::invalid(QStringLiteral("the server named an unknown versioning status \"%1\" (expected Enabled or Suspended)")
                                .arg(status.left(40)));
}

QByteArray buildVersioningConfiguration(BucketVersioning status)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("VersioningConfiguration"));
    writer.writeDefaultNamespace(s3Namespace());
    writer.writeTextElement(QStringLiteral("Status"), status == BucketVersioning::Enabled ? QStringLiteral("Enabled")
                                                                                           : QStringLiteral("Suspended"));
    writer.writeEndElement();
    return out;
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
    DeleteObjectsResult result;
    const StreamedChildren entries{{}, {QLatin1String("Deleted"), QLatin1String("Error")}, [&](const Element &c) -> Result<Ok> {
        if (c.name == QLatin1String("Deleted")) {
            result.deleted.append({c.childText(QLatin1String("Key")), c.childText(QLatin1String("VersionId"))});
        } else {
            result.errors.append({c.childText(QLatin1String("Key")), c.childText(QLatin1String("VersionId")),
                                  trimmedText(c, QLatin1String("Code")), c.childText(QLatin1String("Message"))});
        }
        return Ok{};
    }};
    const Result<Element> doc = parseRoot(body, {QLatin1String("DeleteResult")}, entries);
    if (!doc)
        return doc.error();
    return result;
}

Result<ListPartsResult> parseListParts(const QByteArray &body)
{
    ListPartsResult result;
    const StreamedChildren parts{{}, {QLatin1String("Part")}, [&](const Element &p) -> Result<Ok> {
        PartInfo part;
        part.partNumber = toInt(p.childText(QLatin1String("PartNumber")), 0);
        part.etag = trimmedText(p, QLatin1String("ETag"));
        const Result<qint64> size = sizeOf(p, QLatin1String("Size"), QStringLiteral("part %1").arg(part.partNumber));
        if (!size)
            return size.error();
        part.size = *size;
        part.lastModified = parseTimestamp(p.childText(QLatin1String("LastModified")));
        result.parts.append(std::move(part));
        return Ok{};
    }};
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListPartsResult")}, parts);
    if (!doc)
        return doc.error();
    result.bucket = doc->childText(QLatin1String("Bucket"));
    result.key = doc->childText(QLatin1String("Key"));
    result.uploadId = trimmedText(doc.value(), QLatin1String("UploadId"));
    result.isTruncated = toBool(doc->childText(QLatin1String("IsTruncated")));
    result.nextPartNumberMarker = toInt(doc->childText(QLatin1String("NextPartNumberMarker")), 0);
    return result;
}

Result<ListMultipartUploadsResult> parseListMultipartUploads(const QByteArray &body)
{
    ListMultipartUploadsResult result;
    QString lastStorageClass;
    const StreamedChildren entries{{}, {QLatin1String("Upload"), QLatin1String("CommonPrefixes")}, [&](const Element &c) -> Result<Ok> {
        if (c.name == QLatin1String("Upload")) {
            MultipartUploadInfo upload;
            upload.key = c.childText(QLatin1String("Key"));
            upload.uploadId = trimmedText(c, QLatin1String("UploadId"));
            upload.initiated = parseTimestamp(c.childText(QLatin1String("Initiated")));
            upload.storageClass = trimmedText(c, QLatin1String("StorageClass"));
            shareRepeated(upload.storageClass, lastStorageClass);
            result.uploads.append(std::move(upload));
        } else {
            c.forEach(QLatin1String("Prefix"), [&](const Element &p) { result.commonPrefixes.append(p.text); });
        }
        return Ok{};
    }};
    const Result<Element> doc = parseRoot(body, {QLatin1String("ListMultipartUploadsResult")}, entries);
    if (!doc)
        return doc.error();
    result.bucket = doc->childText(QLatin1String("Bucket"));
    result.isTruncated = toBool(doc->childText(QLatin1String("IsTruncated")));
    result.nextKeyMarker = doc->childText(QLatin1String("NextKeyMarker"));
    result.nextUploadIdMarker = doc->childText(QLatin1String("NextUploadIdMarker"));
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
    return buildDeleteObjects(keys, {}, quiet);
}

QByteArray buildDeleteObjects(const QStringList &keys, const QStringList &versionIds, bool quiet)
{
    if (!versionIds.isEmpty() && versionIds.size() != keys.size())
        return {};
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
    for (qsizetype i = 0; i < keys.size(); ++i) {
        writer.writeStartElement(QStringLiteral("Object"));
        writeText(writer, QStringLiteral("Key"), keys.at(i));
        if (!versionIds.isEmpty() && !versionIds.at(i).isEmpty())
            writeText(writer, QStringLiteral("VersionId"), versionIds.at(i));
        writer.writeEndElement();
    }
    writer.writeEndElement();
    return out;
}

Result<QList<ObjectTag>> parseTagging(const QByteArray &body)
{
    // Ceph RGW 16 answers 200 with an empty body for an object without tags.
    if (body.trimmed().isEmpty())
        return QList<ObjectTag>{};
    const Result<Element> doc = parseRoot(body, {QLatin1String("Tagging")});
    if (!doc)
        return doc.error();
    const Element *set = doc->child(QLatin1String("TagSet"));
    if (!set)
        return incomplete(QStringLiteral("Tagging"), QStringLiteral("TagSet"));
    QList<ObjectTag> tags;
    for (const Element &c : set->children) {
        if (c.name != QLatin1String("Tag"))
            continue;
        if (tags.size() >= MaxTagsInAnswer)
            return S3Error::invalid(QStringLiteral("the server sent more than %1 tags").arg(MaxTagsInAnswer));
        if (!c.child(QLatin1String("Key")))
            return incomplete(QStringLiteral("Tag"), QStringLiteral("Key"));
        ObjectTag tag{c.childText(QLatin1String("Key")), c.childText(QLatin1String("Value"))};
        if (tag.key.isEmpty())
            return S3Error::invalid(QStringLiteral("the server sent a tag with an empty key"));
        for (const ObjectTag &seen : std::as_const(tags)) {
            if (seen.key == tag.key)
                return S3Error::invalid(QStringLiteral("the server sent the tag \"%1\" twice").arg(tag.key));
        }
        tags.append(std::move(tag));
    }
    return tags;
}

bool isAccessControlPolicy(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("AccessControlPolicy")});
    return doc && doc->child(QLatin1String("AccessControlList"));
}

Result<AccessControlPolicy> parseAccessControlPolicy(const QByteArray &body)
{
    const Result<Element> doc = parseRoot(body, {QLatin1String("AccessControlPolicy")});
    if (!doc)
        return doc.error();
    const Element *list = doc->child(QLatin1String("AccessControlList"));
    if (!list)
        return incomplete(QStringLiteral("AccessControlPolicy"), QStringLiteral("AccessControlList"));
    AccessControlPolicy policy;
    if (const Element *owner = doc->child(QLatin1String("Owner"))) {
        policy.ownerId = owner->childText(QLatin1String("ID")).trimmed();
        policy.ownerDisplayName = owner->childText(QLatin1String("DisplayName")).trimmed();
    }
    for (const Element &c : list->children) {
        if (c.name != QLatin1String("Grant"))
            continue;
        if (policy.grants.size() >= MaxGrantsInAnswer)
            return S3Error::invalid(QStringLiteral("the server sent more than %1 grants").arg(MaxGrantsInAnswer));
        const Element *grantee = c.child(QLatin1String("Grantee"));
        if (!grantee)
            return incomplete(QStringLiteral("Grant"), QStringLiteral("Grantee"));
        AclGrant grant;
        grant.permission = c.childText(QLatin1String("Permission")).trimmed();
        if (grant.permission.isEmpty())
            return incomplete(QStringLiteral("Grant"), QStringLiteral("Permission"));
        // The grantee's kind is an xsi:type attribute; the child it carries says the same.
        if (grantee->child(QLatin1String("URI"))) {
            grant.grantee = AclGrant::Grantee::Group;
            grant.uri = grantee->childText(QLatin1String("URI")).trimmed();
        } else if (grantee->child(QLatin1String("ID"))) {
            grant.grantee = AclGrant::Grantee::CanonicalUser;
            grant.id = grantee->childText(QLatin1String("ID")).trimmed();
            grant.displayName = grantee->childText(QLatin1String("DisplayName")).trimmed();
        } else if (grantee->child(QLatin1String("EmailAddress"))) {
            grant.grantee = AclGrant::Grantee::Email;
            grant.email = grantee->childText(QLatin1String("EmailAddress")).trimmed();
        } else {
            return S3Error::invalid(QStringLiteral("the server sent a grant without a grantee ID, URI or e-mail address"));
        }
        policy.grants.append(std::move(grant));
    }
    return policy;
}

QByteArray buildTagging(const QList<ObjectTag> &tags)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("Tagging"));
    writer.writeDefaultNamespace(s3Namespace());
    writer.writeStartElement(QStringLiteral("TagSet"));
    for (const ObjectTag &tag : tags) {
        writer.writeStartElement(QStringLiteral("Tag"));
        writeText(writer, QStringLiteral("Key"), tag.key);
        writeText(writer, QStringLiteral("Value"), tag.value);
        writer.writeEndElement();
    }
    writer.writeEndElement();
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
