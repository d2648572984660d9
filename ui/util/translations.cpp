// SPDX-License-Identifier: Apache-2.0
#include "util/translations.h"

#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

bool loadEnglishPlurals(QTranslator *translator)
{
    return translator->load(u":/i18n/s3desk_en.qm"_s);
}

QString loadTranslation(QTranslator *translator, const QLocale &locale)
{
    // QTranslator tries each of the locale's UI languages, "de-DE" then "de", as s3desk_de_DE.qm, s3desk_de.qm.
    if (translator->load(locale, u"s3desk"_s, u"_"_s, u":/i18n"_s) && !translator->language().isEmpty())
        return translator->language().section(u'_', 0, 0);
    return loadEnglishPlurals(translator) ? u"en"_s : QString();
}

bool loadQtTranslation(QTranslator *translator, const QLocale &locale)
{
    return translator->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

} // namespace s3ui
