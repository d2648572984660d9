// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/queuefile.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "s3core/ops/objectjobs.h"
#include "s3core/textescape.h"
#include "s3core/transfer/partplanner.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

constexpr int QueueFileVersion = 1;
constexpr qint64 MinDownloadRangeSize = 64 * 1024;
constexpr qsizetype MaxKeyBytes = 1024;          // S3's limit for a key, in UTF-8 bytes
constexpr qsizetype MaxBucketLength = 255;       // S3 names are at most 63; other servers allow more
constexpr qsizetype MaxUploadIdLength = 2048;
constexpr qsizetype MaxHeaderValueLength = 8192;
constexpr qsizetype MaxStorageClassLength = 64;
constexpr qsizetype MaxMetadataBytes = 8192; // every name and value of the user metadata together, in UTF-8

// C0 controls but tab, DEL: what must never reach a header value.
bool hasControl(const QString &text, bool allowTab)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && !(allowTab && u == u'\t')) || u == 0x7f)
            return true;
    }
    return false;
}

// A header name: RFC 9110 token characters.
bool isToken(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || QStringView(u"!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// A JSON number that is an exact integer within [min, max].
bool integerIn(const QJsonValue &value, double min, double max, qint64 *out = nullptr)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < min || d > max)
        return false;
    if (out)
        *out = qint64(d);
    return true;
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String: return u"a text"_s;
    case QJsonValue::Array: return u"a list"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Undefined: return u"missing"_s;
    }
    return u"unknown"_s;
}

QString requiredText(const QJsonObject &entry, const QString &field, qsizetype maxLength, QString *out)
{
    const QJsonValue value = entry.value(field);
    if (!value.isString())
        return u"%1 is %2, not a text"_s.arg(field, describe(value));
    const QString text = value.toString();
    if (text.isEmpty())
        return u"%1 is empty"_s.arg(field);
    if (text.size() > maxLength)
        return u"%1 is longer than %2 characters"_s.arg(field).arg(maxLength);
    *out = text;
    return {};
}

// An optional text field: absent is fine, present must be a string.
QString optionalText(const QJsonObject &entry, const QString &field, QString *out)
{
    if (!entry.contains(field))
        return {};
    const QJsonValue value = entry.value(field);
    if (!value.isString())
        return u"%1 is %2, not a text"_s.arg(field, describe(value));
    *out = value.toString();
    return {};
}

QString optionalDate(const QJsonObject &entry, const QString &field)
{
    QString text;
    if (QString problem = optionalText(entry, field, &text); !problem.isEmpty())
        return problem;
    if (!text.isEmpty() && !QDateTime::fromString(text, Qt::ISODateWithMs).isValid())
        return u"%1 is not a date"_s.arg(field);
    return {};
}

QString uploadProblem(const QJsonObject &entry)
{
    if (entry.contains(u"partSize"_s) && !integerIn(entry.value(u"partSize"_s), double(MinPartSize), double(MaxPartSize)))
        return u"partSize %1 is out of range (5 MiB ... 5 GiB)"_s.arg(describe(entry.value(u"partSize"_s)));
    // -1: the file was not looked at yet.
    if (entry.contains(u"fileSize"_s) && !integerIn(entry.value(u"fileSize"_s), -1, double(MaxObjectSize)))
        return u"fileSize %1 is out of range (0 ... 5 TiB, or -1 for not known yet)"_s.arg(describe(entry.value(u"fileSize"_s)));
    if (QString problem = optionalDate(entry, u"fileModified"_s); !problem.isEmpty())
        return problem;
    QString uploadId;
    if (QString problem = optionalText(entry, u"uploadId"_s, &uploadId); !problem.isEmpty())
        return problem;
    if (uploadId.size() > MaxUploadIdLength || hasControl(uploadId, false))
        return u"uploadId is not a valid upload id"_s;
    QString contentType;
    if (QString problem = optionalText(entry, u"contentType"_s, &contentType); !problem.isEmpty())
        return problem;
    if (contentType.size() > MaxHeaderValueLength || hasControl(contentType, true))
        return u"contentType holds control characters or is too long"_s;
    if (entry.contains(u"metadata"_s)) {
        const QJsonValue metadata = entry.value(u"metadata"_s);
        if (!metadata.isObject())
            return u"metadata is %1, not an object"_s.arg(describe(metadata));
        const QJsonObject fields = metadata.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (!isToken(it.key()))
                return u"the metadata name '%1' is not a valid header name"_s.arg(escapeControlCharacters(it.key()).left(64));
            if (!it.value().isString())
                return u"the metadata value of %1 is %2, not a text"_s.arg(it.key(), describe(it.value()));
            if (it.value().toString().size() > MaxHeaderValueLength || hasControl(it.value().toString(), true))
                return u"the metadata value of %1 holds control characters or is too long"_s.arg(it.key());
        }
    }
    return {};
}

QString downloadProblem(const QJsonObject &entry)
{
    if (entry.contains(u"partSize"_s) && !integerIn(entry.value(u"partSize"_s), double(MinDownloadRangeSize), double(MaxPartSize)))
        return u"partSize %1 is out of range (64 KiB ... 5 GiB)"_s.arg(describe(entry.value(u"partSize"_s)));
    // What the download knew of its object and of the bytes it kept: shown before it runs again.
    if (entry.contains(u"objectSize"_s) && !integerIn(entry.value(u"objectSize"_s), -1, double(MaxObjectSize)))
        return u"objectSize %1 is out of range (0 ... 5 TiB, or -1 for not known yet)"_s.arg(describe(entry.value(u"objectSize"_s)));
    if (entry.contains(u"bytesKept"_s)) {
        const double size = entry.value(u"objectSize"_s).toDouble(-1);
        if (size < 0 || !integerIn(entry.value(u"bytesKept"_s), 0, size))
            return u"bytesKept %1 is out of range (0 ... objectSize)"_s.arg(describe(entry.value(u"bytesKept"_s)));
    }
    return {};
}

// The bucket and key of a transfer, of a copy's source or of an abandoned upload: all name an object the same way.
QString objectProblem(const QJsonObject &entry, const QString &bucketField = u"bucket"_s, const QString &keyField = u"key"_s)
{
    QString text;
    if (QString problem = requiredText(entry, bucketField, MaxBucketLength, &text); !problem.isEmpty())
        return problem;
    if (hasControl(text, false) || text.contains(u'/'))
        return u"%1 is not a bucket name"_s.arg(bucketField);
    if (QString problem = requiredText(entry, keyField, MaxKeyBytes, &text); !problem.isEmpty())
        return problem;
    if (text.toUtf8().size() > MaxKeyBytes || text.contains(QChar(0)))
        return u"%1 is longer than 1024 bytes or holds a NUL character"_s.arg(keyField);
    return {};
}

QString optionalBool(const QJsonObject &entry, const QString &field)
{
    if (entry.contains(field) && !entry.value(field).isBool())
        return u"%1 is %2, not true or false"_s.arg(field, describe(entry.value(field)));
    return {};
}

QString copyProblem(const QJsonObject &entry)
{
    if (QString problem = objectProblem(entry, u"sourceBucket"_s, u"sourceKey"_s); !problem.isEmpty())
        return problem;
    for (const QString &field : {u"sourceVersionId"_s, u"uploadId"_s, u"sourceEtag"_s, u"sourceIfMatch"_s}) {
        QString text;
        if (QString problem = optionalText(entry, field, &text); !problem.isEmpty())
            return problem;
        if (text.size() > MaxUploadIdLength || hasControl(text, false))
            return u"%1 is too long or holds control characters"_s.arg(field);
    }
    if (entry.contains(u"partSize"_s) && !integerIn(entry.value(u"partSize"_s), double(MinPartSize), double(MaxPartSize)))
        return u"partSize %1 is out of range (5 MiB ... 5 GiB)"_s.arg(describe(entry.value(u"partSize"_s)));
    if (entry.contains(u"multipartThreshold"_s) && !integerIn(entry.value(u"multipartThreshold"_s), 0, double(MaxPartSize)))
        return u"multipartThreshold %1 is out of range (0 ... 5 GiB)"_s.arg(describe(entry.value(u"multipartThreshold"_s)));
    if (entry.contains(u"objectSize"_s) && !integerIn(entry.value(u"objectSize"_s), -1, double(MaxObjectSize)))
        return u"objectSize %1 is out of range (0 ... 5 TiB, or -1 for not known yet)"_s.arg(describe(entry.value(u"objectSize"_s)));
    for (const QString &field : {u"keepAcl"_s, u"deleteSource"_s, u"sourceCopied"_s, u"sseCustomerKey"_s}) {
        if (QString problem = optionalBool(entry, field); !problem.isEmpty())
            return problem;
    }
    if (entry.value(u"deleteSource"_s).toBool() && !entry.value(u"sourceVersionId"_s).toString().isEmpty())
        return u"a move of a source version is not a transfer S3Desk makes"_s;
    if (entry.contains(u"replaceAttributes"_s)) {
        if (QString problem = copyAttributesProblem(entry.value(u"replaceAttributes"_s)); !problem.isEmpty())
            return u"replaceAttributes: %1"_s.arg(problem);
    }
    const bool ontoItself = entry.value(u"sourceBucket"_s) == entry.value(u"bucket"_s) && entry.value(u"sourceKey"_s) == entry.value(u"key"_s);
    // A move onto itself would delete the only copy once it is "copied": never restored, whatever the file says.
    if (ontoItself && entry.value(u"deleteSource"_s).toBool())
        return u"a move of an object onto itself (which would delete it) is not a transfer S3Desk makes"_s;
    return {};
}

// The content headers of copyAttributesToJson(), each a header value of its own.
const QString AttributeHeaderFields[] = {u"contentType"_s, u"cacheControl"_s, u"contentDisposition"_s, u"contentEncoding"_s,
                                         u"contentLanguage"_s};

// What a date of the file becomes when written again: the same instant, in UTC (empty: none or not a date).
QDateTime expiresFromText(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QString expiresText(const QDateTime &expires)
{
    return expires.isValid() ? expires.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString tagsProblem(const QJsonValue &value)
{
    if (!value.isArray())
        return u"tags is %1, not a list"_s.arg(describe(value));
    const QJsonArray array = value.toArray();
    if (array.size() > 10) // what S3 allows; checked before the tags are built so that a huge list costs nothing
        return u"tags holds %1 tags; S3 allows 10"_s.arg(array.size());
    QList<ObjectTag> tags;
    for (const QJsonValue &item : array) {
        const QJsonObject tag = item.toObject();
        if (!item.isObject() || !tag.value(u"key"_s).isString() || !tag.value(u"value"_s).isString())
            return u"a tag is %1, not {\"key\": text, \"value\": text}"_s.arg(describe(item));
        tags.append({tag.value(u"key"_s).toString(), tag.value(u"value"_s).toString()});
    }
    if (Result<Ok> valid = validateTags(tags); !valid)
        return u"tags: %1"_s.arg(valid.error().message());
    return {};
}

QString userMetadataProblem(const QJsonValue &value)
{
    if (!value.isObject())
        return u"metadata is %1, not an object"_s.arg(describe(value));
    const QJsonObject fields = value.toObject();
    qsizetype bytes = 0;
    QSet<QString> names;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!isToken(it.key()))
            return u"the metadata name '%1' is not a valid header name"_s.arg(escapeControlCharacters(it.key()).left(64));
        // Header names are not case-sensitive: two such names would be one header sent twice.
        if (names.contains(it.key().toLower()))
            return u"the metadata name '%1' appears twice"_s.arg(it.key().left(64));
        names.insert(it.key().toLower());
        if (!it.value().isString())
            return u"the metadata value of %1 is %2, not a text"_s.arg(it.key().left(64), describe(it.value()));
        const QString text = it.value().toString();
        if (text.size() > MaxHeaderValueLength || hasControl(text, true))
            return u"the metadata value of %1 holds control characters or is too long"_s.arg(it.key().left(64));
        bytes += it.key().toUtf8().size() + text.toUtf8().size();
        if (bytes > MaxMetadataBytes)
            return u"the metadata is larger than %1 bytes"_s.arg(MaxMetadataBytes);
    }
    return {};
}

QString abandonedProblem(const QJsonObject &entry)
{
    if (QString problem = objectProblem(entry); !problem.isEmpty())
        return problem;
    QString text;
    if (QString problem = requiredText(entry, u"uploadId"_s, MaxUploadIdLength, &text); !problem.isEmpty())
        return problem;
    if (hasControl(text, false))
        return u"uploadId is not a valid upload id"_s;
    return {};
}

// "transfer 3 (upload of photos/a.jpg)" for the problem list; the key is shortened, never the whole entry.
QString entryName(int index, const QJsonObject &entry)
{
    const QString key = entry.value(u"key"_s).toString();
    const QString direction = entry.value(u"direction"_s).toString();
    QString name = u"transfer %1"_s.arg(index + 1);
    if (!key.isEmpty() && (direction == u"upload"_s || direction == u"download"_s || direction == u"copy"_s))
        name += u" (%1 of %2)"_s.arg(direction, escapeControlCharacters(key.left(200)));
    else if (!key.isEmpty())
        name += u" (%1)"_s.arg(escapeControlCharacters(key.left(200)));
    return name;
}

// A transfer id: decimal digits as a text (JSON numbers lose precision above 2^53), not 0.
QString idProblem(const QJsonObject &entry, const QString &field)
{
    const QJsonValue idValue = entry.value(field);
    if (!idValue.isString())
        return u"%1 is %2, not a text"_s.arg(field, describe(idValue));
    const QString idText = idValue.toString();
    bool ok = false;
    const qulonglong id = idText.toULongLong(&ok);
    if (!ok || id == 0 || idText.size() > 20 || !std::all_of(idText.begin(), idText.end(), [](QChar c) { return c.isDigit() && c.unicode() < 0x80; }))
        return u"%1 '%2' is not a transfer id"_s.arg(field, idText.left(32));
    return {};
}

// One [name, size, etag] record of a folder job. The name becomes a key (prefix + name) and a local path: the
// download's path is made by localPathForKey() again when the file starts (which refuses escapes), an upload's
// is the job's folder + name, so an upload's name must stay below that folder.
// An upload's record may name a fourth field, its key when that is not prefix + name (a "Keep both" rename): a
// key below the job's prefix (the job's row names that prefix), as long as S3 takes, without "." or ".." or empty
// segments below the prefix (a key such as "a/../b" becomes a surprising path when downloaded again).
QString groupFileKeyProblem(const QJsonValue &value, const QString &prefix)
{
    if (!value.isString())
        return u"has a key that is %1, not a text"_s.arg(describe(value));
    const QString key = value.toString();
    if (key.size() > MaxKeyBytes || key.toUtf8().size() > MaxKeyBytes)
        return u"has a key longer than %1 bytes"_s.arg(MaxKeyBytes);
    if (hasControl(key, false))
        return u"has a key with control characters"_s;
    if (!key.startsWith(prefix) || key.size() == prefix.size())
        return u"has a key that is not below the job's prefix"_s;
    for (const QStringView segment : QStringView(key).mid(prefix.size()).split(u'/')) {
        if (segment.isEmpty() || segment == u"." || segment == u"..")
            return u"has a key with an empty, '.' or '..' segment"_s;
    }
    return {};
}

QString groupFileProblem(const QJsonValue &value, bool upload, const QString &prefix)
{
    const QJsonArray triple = value.toArray();
    if (!value.isArray() || triple.size() < 3 || triple.size() > (upload ? 4 : 3))
        return u"is %1, not a [name, size, etag%2] list"_s.arg(value.isArray() ? u"a list of %1"_s.arg(triple.size()) : describe(value),
                                                                upload ? u"(, key)"_s : QString());
    if (!triple.at(0).isString())
        return u"has a name that is %1, not a text"_s.arg(describe(triple.at(0)));
    if (triple.at(0).toString().isEmpty())
        return u"has an empty name"_s;
    const QString name = triple.at(0).toString();
    if (name.size() > MaxKeyBytes || name.toUtf8().size() > MaxKeyBytes)
        return u"has a name longer than %1 bytes"_s.arg(MaxKeyBytes);
    if (hasControl(name, false))
        return u"has a name with control characters"_s;
    if (upload) {
        if (name.startsWith(u'/') || name.contains(u'\\'))
            return u"has a name that is not a relative path"_s;
        for (const QStringView segment : QStringView(name).split(u'/')) {
            if (segment.isEmpty() || segment == u"." || segment == u"..")
                return u"has a name with an empty, '.' or '..' segment"_s;
        }
    }
    if (!integerIn(triple.at(1), -1, double(MaxObjectSize)))
        return u"has a size %1 out of range (-1 ... 5 TiB)"_s.arg(describe(triple.at(1)));
    // One QString: begin() and end() of two toString() temporaries walked from one string into another's memory.
    const QString etag = triple.at(2).toString();
    if (!triple.at(2).isString() || etag.size() > 1024 || hasControl(etag, false)
        || std::any_of(etag.begin(), etag.end(), [](QChar c) { return c.unicode() > 0x7e; }))
        return u"has an ETag that is not a short printable ASCII text"_s;
    if (triple.size() == 4)
        return groupFileKeyProblem(triple.at(3), prefix);
    return {};
}

} // namespace

QString transferGroupEntryProblem(const QJsonObject &entry)
{
    if (QString problem = idProblem(entry, u"id"_s); !problem.isEmpty())
        return problem;
    const QJsonValue directionValue = entry.value(u"direction"_s);
    const QString direction = directionValue.toString();
    if (!directionValue.isString() || (direction != u"upload"_s && direction != u"download"_s))
        return u"direction is %1, not upload or download"_s.arg(directionValue.isString() ? u"'%1'"_s.arg(direction.left(32)) : describe(directionValue));
    QString text;
    if (QString problem = requiredText(entry, u"bucket"_s, MaxBucketLength, &text); !problem.isEmpty())
        return problem;
    if (hasControl(text, false))
        return u"bucket has control characters"_s;
    text.clear();
    if (QString problem = optionalText(entry, u"prefix"_s, &text); !problem.isEmpty())
        return problem;
    if (text.toUtf8().size() > MaxKeyBytes || hasControl(text, false))
        return u"prefix is longer than %1 bytes or has control characters"_s.arg(MaxKeyBytes);
    const QString prefix = text;
    if (QString problem = requiredText(entry, u"localDir"_s, 4096, &text); !problem.isEmpty())
        return problem;
    if (!QDir::isAbsolutePath(text) || text.contains(QChar(0)))
        return u"localDir is not an absolute path"_s;
    if (QString problem = optionalBool(entry, u"paused"_s); !problem.isEmpty())
        return problem;
    if (entry.contains(u"priority"_s)
        && !integerIn(entry.value(u"priority"_s), double(std::numeric_limits<int>::min()), double(std::numeric_limits<int>::max())))
        return u"priority %1 is not a whole number in range"_s.arg(describe(entry.value(u"priority"_s)));
    if (QString problem = optionalDate(entry, u"added"_s); !problem.isEmpty())
        return problem;
    if (entry.contains(u"done"_s) && !integerIn(entry.value(u"done"_s), 0, double(std::numeric_limits<int>::max())))
        return u"done %1 is not a count"_s.arg(describe(entry.value(u"done"_s)));
    if (entry.contains(u"doneBytes"_s) && !integerIn(entry.value(u"doneBytes"_s), 0, 9007199254740992.0))
        return u"doneBytes %1 is not a byte count"_s.arg(describe(entry.value(u"doneBytes"_s)));
    const bool upload = direction == u"upload"_s;
    const qint64 minPart = upload ? MinPartSize : MinDownloadRangeSize;
    if (entry.contains(u"partSize"_s) && !integerIn(entry.value(u"partSize"_s), double(minPart), double(MaxPartSize)))
        return u"partSize %1 is out of range"_s.arg(describe(entry.value(u"partSize"_s)));
    text.clear();
    if (QString problem = optionalText(entry, u"listedUpTo"_s, &text); !problem.isEmpty())
        return problem;
    if (text.toUtf8().size() > MaxKeyBytes || hasControl(text, false))
        return u"listedUpTo is longer than %1 bytes or has control characters"_s.arg(MaxKeyBytes);
    for (const QString &list : {u"files"_s, u"cancelled"_s}) {
        if (entry.contains(list) && !entry.value(list).isArray())
            return u"%1 is %2, not a list"_s.arg(list, describe(entry.value(list)));
        const QJsonArray files = entry.value(list).toArray();
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (QString problem = groupFileProblem(files.at(i), upload, prefix); !problem.isEmpty())
                return u"file %1 of %2 %3"_s.arg(i + 1).arg(list, problem);
        }
    }
    return {};
}

QString transferEntryProblem(const QJsonObject &entry)
{
    if (QString problem = idProblem(entry, u"id"_s); !problem.isEmpty())
        return problem;
    if (entry.contains(u"group"_s)) {
        if (QString problem = idProblem(entry, u"group"_s); !problem.isEmpty())
            return problem;
    }
    const QJsonValue directionValue = entry.value(u"direction"_s);
    const QString direction = directionValue.toString();
    if (!directionValue.isString() || (direction != u"upload"_s && direction != u"download"_s && direction != u"copy"_s))
        return u"direction is %1, not upload, download or copy"_s.arg(directionValue.isString() ? u"'%1'"_s.arg(direction.left(32)) : describe(directionValue));
    if (QString problem = objectProblem(entry); !problem.isEmpty())
        return problem;
    if (direction != u"copy"_s) {
        QString text;
        if (QString problem = requiredText(entry, u"localPath"_s, 4096, &text); !problem.isEmpty())
            return problem;
        if (!QDir::isAbsolutePath(text) || text.contains(QChar(0)))
            return u"localPath is not an absolute path"_s;
    }
    if (entry.contains(u"priority"_s)
        && !integerIn(entry.value(u"priority"_s), double(std::numeric_limits<int>::min()), double(std::numeric_limits<int>::max())))
        return u"priority %1 is not a whole number in range"_s.arg(describe(entry.value(u"priority"_s)));
    if (QString problem = optionalDate(entry, u"added"_s); !problem.isEmpty())
        return problem;
    if (direction == u"copy"_s)
        return copyProblem(entry);
    return direction == u"upload"_s ? uploadProblem(entry) : downloadProblem(entry);
}

QueueFileContents parseQueueFile(const QByteArray &data)
{
    QueueFileContents contents;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isNull()) {
        contents.problems.append(u"it is not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString()).arg(parseError.offset));
        return contents;
    }
    if (!document.isObject()) {
        contents.problems.append(u"it is not a transfer queue (no JSON object)"_s);
        return contents;
    }
    const QJsonObject root = document.object();
    if (root.contains(u"version"_s) && root.value(u"version"_s) != QJsonValue(QueueFileVersion)) {
        // A newer S3Desk wrote it (or it is not ours): keep nothing rather than half-understand it.
        contents.problems.append(u"it has version %1; this S3Desk reads version %2"_s.arg(describe(root.value(u"version"_s))).arg(QueueFileVersion));
        return contents;
    }
    for (const QString &list : {u"transfers"_s, u"abandonedUploads"_s, u"groups"_s}) {
        if (root.contains(list) && !root.value(list).isArray()) {
            contents.problems.append(u"its %1 is %2, not a list"_s.arg(list, describe(root.value(list))));
            return contents;
        }
    }
    const QJsonArray transfers = root.value(u"transfers"_s).toArray();
    QSet<QString> ids;
    for (int i = 0; i < transfers.size(); ++i) {
        const QJsonValue value = transfers.at(i);
        if (!value.isObject()) {
            contents.problems.append(u"transfer %1 is %2, not an object"_s.arg(i + 1).arg(describe(value)));
            continue;
        }
        const QJsonObject entry = value.toObject();
        QString problem = transferEntryProblem(entry);
        if (problem.isEmpty() && ids.contains(entry.value(u"id"_s).toString()))
            problem = u"its id %1 is used by an earlier transfer"_s.arg(entry.value(u"id"_s).toString());
        if (!problem.isEmpty()) {
            contents.problems.append(u"%1 left out: %2"_s.arg(entryName(i, entry), problem));
            continue;
        }
        ids.insert(entry.value(u"id"_s).toString());
        contents.transfers.append(entry);
    }
    const QJsonArray groups = root.value(u"groups"_s).toArray();
    for (int i = 0; i < groups.size(); ++i) {
        const QJsonObject entry = groups.at(i).toObject();
        QString problem = groups.at(i).isObject() ? transferGroupEntryProblem(entry) : u"it is not an object"_s;
        if (problem.isEmpty() && ids.contains(entry.value(u"id"_s).toString()))
            problem = u"its id %1 is used by an earlier transfer"_s.arg(entry.value(u"id"_s).toString());
        if (!problem.isEmpty()) {
            contents.problems.append(u"folder job %1 left out: %2"_s.arg(i + 1).arg(problem));
            continue;
        }
        ids.insert(entry.value(u"id"_s).toString());
        contents.groups.append(entry);
    }
    const QJsonArray abandoned = root.value(u"abandonedUploads"_s).toArray();
    for (int i = 0; i < abandoned.size(); ++i) {
        const QJsonObject entry = abandoned.at(i).toObject();
        const QString problem = abandoned.at(i).isObject() ? abandonedProblem(entry) : u"it is not an object"_s;
        if (!problem.isEmpty()) {
            contents.problems.append(u"multipart upload to abort %1 left out: %2"_s.arg(i + 1).arg(problem));
            continue;
        }
        contents.abandonedUploads.append(entry);
    }
    return contents;
}

QJsonObject copyAttributesToJson(const ObjectAttributes &attributes)
{
    QJsonObject metadata;
    for (auto it = attributes.userMetadata.cbegin(); it != attributes.userMetadata.cend(); ++it)
        metadata.insert(it.key(), it.value());
    QJsonArray tags;
    for (const ObjectTag &tag : attributes.tags)
        tags.append(QJsonObject{{u"key"_s, tag.key}, {u"value"_s, tag.value}});
    return {{u"contentType"_s, attributes.contentType},
            {u"cacheControl"_s, attributes.cacheControl},
            {u"contentDisposition"_s, attributes.contentDisposition},
            {u"contentEncoding"_s, attributes.contentEncoding},
            {u"contentLanguage"_s, attributes.contentLanguage},
            {u"expires"_s, expiresText(attributes.expires)},
            {u"storageClass"_s, attributes.storageClass},
            {u"serverSideEncryption"_s, attributes.serverSideEncryption},
            {u"sseKmsKeyId"_s, attributes.sseKmsKeyId},
            {u"tags"_s, tags},
            {u"metadata"_s, metadata}};
}

QString copyAttributesProblem(const QJsonValue &value)
{
    if (!value.isObject())
        return u"it is %1, not an object"_s.arg(describe(value));
    const QJsonObject json = value.toObject();
    for (const QString &field : AttributeHeaderFields) {
        QString text;
        if (QString problem = optionalText(json, field, &text); !problem.isEmpty())
            return problem;
        if (text.size() > MaxHeaderValueLength || hasControl(text, true))
            return u"%1 holds control characters or is too long"_s.arg(field);
    }
    QString text; // optionalText() leaves it as it is for a missing field: cleared before each
    if (QString problem = optionalText(json, u"expires"_s, &text); !problem.isEmpty())
        return problem;
    // A date that would not read back once written in UTC (years beyond 0001 ... 9999) is no date either.
    if (!text.isEmpty() && (!expiresFromText(text).isValid() || expiresFromText(expiresText(expiresFromText(text))) != expiresFromText(text)))
        return u"expires is not a date"_s;
    text.clear();
    if (QString problem = optionalText(json, u"storageClass"_s, &text); !problem.isEmpty())
        return problem;
    if (!text.isEmpty() && (text.size() > MaxStorageClassLength || !isToken(text)))
        return u"storageClass is not a storage class name"_s;
    QString encryption;
    if (QString problem = optionalText(json, u"serverSideEncryption"_s, &encryption); !problem.isEmpty())
        return problem;
    if (!encryption.isEmpty() && encryption != u"AES256"_s && encryption != u"aws:kms"_s)
        return u"serverSideEncryption is neither AES256 nor aws:kms"_s;
    text.clear();
    if (QString problem = optionalText(json, u"sseKmsKeyId"_s, &text); !problem.isEmpty())
        return problem;
    if (text.size() > MaxUploadIdLength || hasControl(text, false))
        return u"sseKmsKeyId is too long or holds control characters"_s;
    if (!text.isEmpty() && encryption != u"aws:kms"_s)
        return u"sseKmsKeyId is given without aws:kms encryption"_s;
    if (json.contains(u"tags"_s)) {
        if (QString problem = tagsProblem(json.value(u"tags"_s)); !problem.isEmpty())
            return problem;
    }
    if (json.contains(u"metadata"_s)) {
        if (QString problem = userMetadataProblem(json.value(u"metadata"_s)); !problem.isEmpty())
            return problem;
    }
    return {};
}

ObjectAttributes copyAttributesFromJson(const QJsonObject &json)
{
    ObjectAttributes attributes;
    attributes.contentType = json.value(u"contentType"_s).toString();
    attributes.cacheControl = json.value(u"cacheControl"_s).toString();
    attributes.contentDisposition = json.value(u"contentDisposition"_s).toString();
    attributes.contentEncoding = json.value(u"contentEncoding"_s).toString();
    attributes.contentLanguage = json.value(u"contentLanguage"_s).toString();
    if (const QString expires = json.value(u"expires"_s).toString(); !expires.isEmpty())
        attributes.expires = expiresFromText(expires);
    attributes.storageClass = json.value(u"storageClass"_s).toString();
    attributes.serverSideEncryption = json.value(u"serverSideEncryption"_s).toString();
    attributes.sseKmsKeyId = json.value(u"sseKmsKeyId"_s).toString();
    for (const QJsonValue &item : json.value(u"tags"_s).toArray()) {
        const QJsonObject tag = item.toObject();
        attributes.tags.append({tag.value(u"key"_s).toString(), tag.value(u"value"_s).toString()});
    }
    const QJsonObject metadata = json.value(u"metadata"_s).toObject();
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        attributes.userMetadata.insert(it.key(), it.value().toString());
    return attributes;
}

QString damagedQueueFileName(const QString &path, const QDateTime &utc)
{
    const QString base = path + u".damaged-"_s + utc.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate) || QFileInfo(candidate).isSymLink(); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
}

} // namespace s3
