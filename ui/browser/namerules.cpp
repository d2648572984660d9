// SPDX-License-Identifier: Apache-2.0
#include "browser/namerules.h"

#include <QCoreApplication>
#include <QStringList>

#include "s3core/endpoint.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

QString folderNameWithoutSlash(const QString &name)
{
    return name.endsWith(u'/') ? name.chopped(1) : name;
}

QString objectNameProblem(const QString &prefix, const QString &name, bool folder, bool nested)
{
    const QString bare = folder ? folderNameWithoutSlash(name) : name;
    if (bare.isEmpty())
        return QCoreApplication::translate("NameRules", "Enter a name.");
    for (const QChar c : bare) {
        if (c.category() == QChar::Other_Control)
            return QCoreApplication::translate("NameRules", "A name cannot contain control characters (such as a tab or a line break).");
    }
    if (!nested && bare.contains(u'/'))
        return QCoreApplication::translate("NameRules", "A name cannot contain '/': drag and drop moves objects into another folder.");
    const QStringList parts = bare.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty())
            return QCoreApplication::translate("NameRules", "A name cannot start with '/' or have an empty part (\"//\").");
        if (part == u"."_s || part == u".."_s)
            return QCoreApplication::translate("NameRules", "\".\" and \"..\" cannot be names: file managers and tools treat them as this folder and its parent.");
    }
    const qsizetype bytes = (prefix + bare + (folder ? u"/"_s : QString())).toUtf8().size();
    if (bytes > MaxKeyBytes)
        return QCoreApplication::translate("NameRules", "The key would be %1 bytes long; S3 allows %2 bytes at most.").arg(bytes).arg(MaxKeyBytes);
    return {};
}

QString bucketNameProblem(const QString &name)
{
    if (name.isEmpty())
        return QCoreApplication::translate("NameRules", "Enter a name.");
    const s3::Result<s3::Ok> valid = s3::validateBucketName(name);
    return valid ? QString() : valid.error().message() + u"."_s;
}

qsizetype nameStemLength(const QString &name, bool folder)
{
    if (folder)
        return name.size();
    // ".bashrc" has no extension; in "a.tar.gz" only ".gz" stays unselected, as in file managers.
    const qsizetype dot = name.lastIndexOf(u'.');
    return dot > 0 ? dot : name.size();
}

} // namespace s3ui
