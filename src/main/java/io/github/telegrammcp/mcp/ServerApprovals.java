package io.github.telegrammcp.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.github.telegrammcp.approval.ApprovalPrompt;
import io.github.telegrammcp.approval.ApprovalRecord;
import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.EditMessageText;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.api.LinkPreviewOptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The permission prompt service inside the server: this process's store, its Telegram client, its session. */
public class ServerApprovals {

    private static final Logger LOG = Logger.getLogger(ServerApprovals.class);

    @Produces
    @ApplicationScoped
    ApprovalPrompt approvalPrompt(Settings settings, BotMessenger messenger, TelegramClient client,
            SessionRegistry registry, ApprovalWakes wakes) {
        ApprovalPrompt.Store approvals = new ApprovalPrompt.Store() {
            @Override
            public <T> T call(ApprovalPrompt.Work<T> work) {
                return QuarkusTransaction.requiringNew().call(() -> work.run(ApprovalRecord.QUERIES));
            }
        };
        ApprovalPrompt.Messenger chat = new ApprovalPrompt.Messenger() {
            @Override
            public long chatId() {
                return settings.ownerChatId().orElseThrow();
            }

            @Override
            public long send(String html, InlineKeyboardMarkup buttons) {
                return messenger.sendWithButtons(registry.currentId().orElse(null), html, buttons).lastMessageId();
            }

            @Override
            public void edit(long messageId, String html) {
                try {
                    client.editMessageText(new EditMessageText(chatId(), messageId, html, "HTML", null,
                            LinkPreviewOptions.DISABLED));
                } catch (RuntimeException e) {
                    LOG.warnf("Could not update the permission prompt in Telegram: %s", e.getMessage());
                }
            }
        };
        return new ApprovalPrompt(approvals, chat, ThisHost.name(), ProcessHandle.current().pid(),
                Infrastructure.getDefaultWorkerPool(), wakes);
    }
}
