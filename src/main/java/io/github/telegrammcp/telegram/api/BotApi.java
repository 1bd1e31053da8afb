package io.github.telegrammcp.telegram.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.telegram.TelegramApiException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The Bot API methods this server uses. The base URI is {@code {api}/bot{token}/}; build it only through
 * {@link io.github.telegrammcp.telegram.TelegramClient}, which keeps the token out of every error.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface BotApi {

    @POST
    @Path("getMe")
    ApiResponse<User> getMe();

    /** getMe without holding a thread (start-up work the exit must not wait for). */
    @POST
    @Path("getMe")
    Uni<ApiResponse<User>> getMeLater();

    /** Updates as JSON trees: each is read on its own ({@code ReceivedUpdate}), so one that cannot be read stops none. */
    @POST
    @Path("getUpdates")
    Uni<ApiResponse<List<JsonNode>>> getUpdates(GetUpdates request);

    @POST
    @Path("sendMessage")
    ApiResponse<Message> sendMessage(SendMessage request);

    @POST
    @Path("editMessageText")
    ApiResponse<JsonNode> editMessageText(EditMessageText request);

    @POST
    @Path("answerCallbackQuery")
    ApiResponse<Boolean> answerCallbackQuery(AnswerCallbackQuery request);

    @POST
    @Path("setMyCommands")
    ApiResponse<Boolean> setMyCommands(SetMyCommands request);

    /** setMyCommands without holding a thread. */
    @POST
    @Path("setMyCommands")
    Uni<ApiResponse<Boolean>> setMyCommandsLater(SetMyCommands request);

    /**
     * Uploads a photo; the form is built by {@code MultipartForms} (chat_id, message_thread_id, photo, caption,
     * parse_mode).
     */
    @POST
    @Path("sendPhoto")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    ApiResponse<Message> sendPhoto(ClientMultipartForm form);

    /**
     * Uploads a file; the form is built by {@code MultipartForms} (chat_id, message_thread_id, document, caption,
     * parse_mode).
     */
    @POST
    @Path("sendDocument")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    ApiResponse<Message> sendDocument(ClientMultipartForm form);

    @POST
    @Path("getChat")
    ApiResponse<Chat> getChat(GetChat request);

    /** getChat without holding a thread. */
    @POST
    @Path("getChat")
    Uni<ApiResponse<Chat>> getChatLater(GetChat request);

    @POST
    @Path("createForumTopic")
    ApiResponse<ForumTopic> createForumTopic(CreateForumTopic request);

    @POST
    @Path("closeForumTopic")
    ApiResponse<Boolean> closeForumTopic(TopicThread request);

    @POST
    @Path("reopenForumTopic")
    ApiResponse<Boolean> reopenForumTopic(TopicThread request);

    @POST
    @Path("getFile")
    ApiResponse<TelegramFile> getFile(GetFile request);

    /** Turns a non-2xx answer into the Bot API's error (code, description, retry_after). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return TelegramApiException.fromErrorResponse(response);
    }
}
