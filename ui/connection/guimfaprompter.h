// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "s3core/auth/mfaprompter.h"

class QWidget;

namespace s3ui {

class MfaPromptDialog;
struct MfaPromptLink;

/**
 * The app's MFA prompter: requestCode() may be called on any thread (the GUI client's providers and the
 * transfer engine's); the request is queued to the GUI thread, where an MfaPromptDialog opens window-modal on
 * `window` (one at a time, in order), and the answer is posted back to the requester's thread. Nothing waits:
 * no blocking call and no nested event loop on either side. Cancel, or the window closing, answers
 * MfaPromptDialog::notEntered(). Create it on the GUI thread; it may be destroyed on any thread.
 */
class GuiMfaPrompter final : public s3::MfaPrompter
{
public:
    explicit GuiMfaPrompter(QWidget *window);
    ~GuiMfaPrompter() override;

    void requestCode(const s3::MfaRequest &request, QObject *context, Callback callback) override;

    /** The prompt on screen, or null (GUI thread only). */
    MfaPromptDialog *currentDialog() const;
    /** Prompts shown so far (GUI thread only). */
    int promptsShown() const;

private:
    std::shared_ptr<MfaPromptLink> m_link;
};

} // namespace s3ui
