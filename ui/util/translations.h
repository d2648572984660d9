// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocale>
#include <QString>

class QTranslator;

namespace s3ui {

/**
 * Loads the English plural forms of the user interface ("1 file", "3 files" for the "%n file(s)" texts; compiled
 * into the library from resources/translations/s3desk_en.ts) into `translator`. False if they are missing. The
 * caller installs it: a library does not change the application's translators itself.
 */
bool loadEnglishPlurals(QTranslator *translator);

/**
 * Loads the user interface's translation for `locale` (its uiLanguages() in order, so LANGUAGE=de:en and
 * LANG=de_DE.UTF-8 both give German; compiled in from resources/translations/s3desk_<lang>.qm). A language
 * without a translation gets the English plural forms. Returns the language loaded ("de", "en"), empty if none.
 * The caller installs the translator.
 */
QString loadTranslation(QTranslator *translator, const QLocale &locale = QLocale());

/**
 * Loads Qt's own texts (the standard buttons OK, Cancel, Yes, No; the file dialog) for `locale` from Qt's
 * translations folder (Debian: qt6-translations-l10n). False when there are none for that language (English
 * needs none).
 */
bool loadQtTranslation(QTranslator *translator, const QLocale &locale = QLocale());

} // namespace s3ui
