// SPDX-License-Identifier: Apache-2.0
#include "util/icons.h"

#include <QHash>

// The resources live in a static library: nothing references their object file unless it is initialised by
// name (Q_INIT_RESOURCE must be called outside any namespace).
static void initS3DeskResources()
{
    Q_INIT_RESOURCE(s3desk);
}

namespace s3ui {

QIcon appIcon(const QString &name)
{
    static const bool initialised = (initS3DeskResources(), true);
    Q_UNUSED(initialised);
    // One QIcon per name: views ask for decorations on every repaint, and a shared icon keeps its pixmap cache.
    static QHash<QString, QIcon> cache;
    auto it = cache.constFind(name);
    if (it == cache.constEnd())
        it = cache.insert(name, QIcon(QStringLiteral(":/s3desk/icons/%1.svg").arg(name)));
    return *it;
}

QIcon iconForKey(const QString &key)
{
    static const QHash<QString, QString> byExtension = [] {
        QHash<QString, QString> map;
        const auto add = [&map](const char *icon, std::initializer_list<const char *> extensions) {
            for (const char *extension : extensions)
                map.insert(QLatin1String(extension), QLatin1String(icon));
        };
        add("file-image", {"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "tif", "tiff", "ico", "heic", "avif"});
        add("file-text", {"txt", "md", "csv", "tsv", "log", "ini", "cfg", "conf", "rst", "rtf"});
        add("file-archive", {"zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "iso", "deb", "rpm"});
        add("file-code", {"json", "xml", "yaml", "yml", "html", "htm", "css", "js", "ts", "py", "c", "h", "cpp", "hpp",
                          "rs", "go", "java", "sh", "sql", "toml"});
        add("file-audio", {"mp3", "wav", "flac", "ogg", "opus", "m4a", "aac"});
        add("file-video", {"mp4", "mkv", "mov", "avi", "webm", "m4v"});
        add("file-pdf", {"pdf"});
        return map;
    }();
    const QString name = key.section(QLatin1Char('/'), -1);
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString extension = dot > 0 ? name.mid(dot + 1).toLower() : QString();
    return appIcon(byExtension.value(extension, QStringLiteral("file")));
}

} // namespace s3ui
