// SPDX-License-Identifier: Apache-2.0
#include "util/previewkind.h"

#include <algorithm>

#include <QStringList>

#include "util/textdecode.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

QString extensionOf(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(u'/');
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= slash + 1) // no dot in the last segment, or a hidden file such as ".bashrc"
        return {};
    return name.sliced(dot + 1).toLower();
}

PreviewKind kindOfExtension(const QString &extension)
{
    static const QStringList images = {u"png"_s, u"jpg"_s, u"jpeg"_s, u"jpe"_s, u"gif"_s, u"webp"_s, u"svg"_s, u"bmp"_s, u"ico"_s};
    static const QStringList texts = {
        u"txt"_s, u"text"_s, u"md"_s, u"markdown"_s, u"rst"_s, u"csv"_s, u"tsv"_s, u"log"_s, u"json"_s, u"ndjson"_s,
        u"jsonl"_s, u"xml"_s, u"yaml"_s, u"yml"_s, u"toml"_s, u"ini"_s, u"cfg"_s, u"conf"_s, u"properties"_s, u"env"_s,
        u"html"_s, u"htm"_s, u"css"_s, u"js"_s, u"mjs"_s, u"ts"_s, u"sh"_s, u"bash"_s, u"zsh"_s, u"py"_s, u"rb"_s,
        u"pl"_s, u"php"_s, u"java"_s, u"kt"_s, u"go"_s, u"rs"_s, u"c"_s, u"h"_s, u"cc"_s, u"cpp"_s, u"hpp"_s,
        u"cs"_s, u"swift"_s, u"sql"_s, u"tf"_s, u"hcl"_s, u"diff"_s, u"patch"_s, u"tex"_s, u"srt"_s, u"vtt"_s};
    static const QStringList binaries = {
        u"zip"_s, u"gz"_s, u"tgz"_s, u"bz2"_s, u"xz"_s, u"zst"_s, u"7z"_s, u"rar"_s, u"tar"_s, u"pdf"_s,
        u"exe"_s, u"dll"_s, u"so"_s, u"bin"_s, u"iso"_s, u"img"_s, u"mp3"_s, u"mp4"_s, u"mkv"_s, u"mov"_s,
        u"avi"_s, u"wav"_s, u"flac"_s, u"ogg"_s, u"parquet"_s, u"avro"_s, u"orc"_s, u"sqlite"_s, u"db"_s};
    if (images.contains(extension))
        return PreviewKind::Image;
    if (texts.contains(extension))
        return PreviewKind::Text;
    if (binaries.contains(extension))
        return PreviewKind::Binary;
    return PreviewKind::Unknown;
}

PreviewKind kindOfContentType(const QString &contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type.isEmpty() || type == u"application/octet-stream"_s || type == u"binary/octet-stream"_s
        || type == u"application/unknown"_s)
        return PreviewKind::Unknown;
    if (type.startsWith(u"image/"_s))
        return PreviewKind::Image;
    if (type.startsWith(u"text/"_s) || type.endsWith(u"+json"_s) || type.endsWith(u"+xml"_s))
        return PreviewKind::Text;
    static const QStringList texts = {u"application/json"_s, u"application/xml"_s, u"application/javascript"_s,
                                      u"application/x-javascript"_s, u"application/yaml"_s, u"application/x-yaml"_s,
                                      u"application/toml"_s, u"application/x-sh"_s, u"application/x-shellscript"_s,
                                      u"application/sql"_s, u"application/x-ndjson"_s};
    if (texts.contains(type))
        return PreviewKind::Text;
    if (type.startsWith(u"audio/"_s) || type.startsWith(u"video/"_s) || type.startsWith(u"font/"_s))
        return PreviewKind::Binary;
    static const QStringList binaries = {u"application/zip"_s, u"application/gzip"_s, u"application/x-gzip"_s,
                                         u"application/pdf"_s, u"application/x-tar"_s, u"application/x-xz"_s,
                                         u"application/x-bzip2"_s, u"application/zstd"_s, u"application/x-7z-compressed"_s,
                                         u"application/vnd.apache.parquet"_s, u"application/x-executable"_s};
    if (binaries.contains(type))
        return PreviewKind::Binary;
    return PreviewKind::Unknown;
}

bool startsWith(const QByteArray &bytes, QByteArrayView magic, qsizetype at = 0)
{
    return bytes.size() >= at + magic.size() && QByteArrayView(bytes).sliced(at, magic.size()) == magic;
}

/** An SVG document: its root element, after an XML declaration, comments or a DOCTYPE (all within the head). */
bool isSvg(const QByteArray &head)
{
    const QByteArray start = head.first(std::min<qsizetype>(head.size(), 1024)).trimmed();
    if (!start.startsWith('<'))
        return false;
    const qsizetype svg = start.indexOf("<svg");
    if (svg < 0)
        return false;
    // Only declarations, comments and a DOCTYPE may come before the root element.
    qsizetype element = start.indexOf('<');
    while (element >= 0 && element < svg) {
        const char next = element + 1 < start.size() ? start.at(element + 1) : '\0';
        if (next != '?' && next != '!')
            return false;
        element = start.indexOf('<', element + 1);
    }
    return true;
}

bool isImageMagic(const QByteArray &head)
{
    return startsWith(head, "\x89PNG\r\n\x1a\n") || startsWith(head, "\xff\xd8\xff") || startsWith(head, "GIF87a")
        || startsWith(head, "GIF89a") || (startsWith(head, "RIFF") && startsWith(head, "WEBP", 8)) || isSvg(head);
}

} // namespace

PreviewKind declaredPreviewKind(const QString &contentType, const QString &name)
{
    const PreviewKind byType = kindOfContentType(contentType);
    return byType != PreviewKind::Unknown ? byType : kindOfExtension(extensionOf(name));
}

PreviewKind sniffPreviewKind(const QByteArray &bytes, bool cut)
{
    const bool partial = cut || bytes.size() > preview::SniffBytes;
    const QByteArray head = bytes.first(std::min<qsizetype>(bytes.size(), preview::SniffBytes));
    if (isImageMagic(head))
        return PreviewKind::Image;
    // BMP: "BM" alone is too weak (a text may start so), but its header holds zero bytes (reserved fields).
    if (startsWith(head, "BM") && head.size() >= 14 && head.first(14).contains('\0'))
        return PreviewKind::Image;
    if (startsWith(head, "\xff\xfe") || startsWith(head, "\xfe\xff"))
        return PreviewKind::Text;
    if (head.contains('\0'))
        return PreviewKind::Binary;
    bool valid = false;
    validUtf8Prefix(head, partial, &valid);
    if (valid)
        return PreviewKind::Text;
    // Not UTF-8: Latin-1 text has few control characters (tab, newlines, form feed and escape are text).
    qsizetype control = 0;
    for (const char c : head) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f' && byte != 0x1b) || byte == 0x7f)
            ++control;
    }
    return control * 20 <= head.size() ? PreviewKind::Text : PreviewKind::Binary; // at most 5 %
}

PreviewKind choosePreviewKind(const QString &contentType, const QString &name, const QByteArray &head, bool cut)
{
    const PreviewKind declared = declaredPreviewKind(contentType, name);
    const PreviewKind sniffed = sniffPreviewKind(head, cut);
    switch (declared) {
    case PreviewKind::Unknown:
        return sniffed;
    case PreviewKind::Image:
        return sniffed == PreviewKind::Image || head.isEmpty() ? PreviewKind::Image : sniffed;
    case PreviewKind::Text:
        // XML that is an SVG, or an image stored as text/plain, shows as the image; NUL bytes are not text.
        return sniffed;
    case PreviewKind::Binary:
        return PreviewKind::Binary;
    }
    return sniffed;
}

qint64 firstFetchBytes(const QString &name, qint64 size)
{
    if (size < 0)
        return preview::TextBytes;
    if (kindOfExtension(extensionOf(name)) == PreviewKind::Image && size <= preview::ImageMaxBytes)
        return size;
    return std::min(size, preview::TextBytes);
}

} // namespace s3ui
