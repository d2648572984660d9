// SPDX-License-Identifier: Apache-2.0
#include "util/translations.h"

#include <QTranslator>

namespace s3ui {

bool loadEnglishPlurals(QTranslator *translator)
{
    return translator->load(QStringLiteral(":/i18n/s3desk_en.qm"));
}

} // namespace s3ui
