// SPDX-License-Identifier: Apache-2.0
#pragma once

class QTranslator;

namespace s3ui {

/**
 * Loads the English plural forms of the user interface ("1 file", "3 files" for the "%n file(s)" texts; compiled
 * into the library from resources/translations/s3desk_en.ts) into `translator`. False if they are missing. The
 * caller installs it: a library does not change the application's translators itself.
 */
bool loadEnglishPlurals(QTranslator *translator);

} // namespace s3ui
