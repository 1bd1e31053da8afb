#!/usr/bin/env node
// A tiny fake Telegram Bot API for benchmarks (Node 20, no dependencies). It answers /bot<token>/<method> like
// api.telegram.org with the {"ok":...} envelope; nobody ever writes to the bot, so getUpdates holds each request for
// its `timeout` and then answers []. Parameters may come in the query string, as JSON, form-encoded or multipart.
//
// Usage: node bench/fake-bot-api.mjs [TOKEN...]   (default: FAKE_BOT_TOKENS, space-separated, else one bench token)
//   Listens on a free port of 127.0.0.1 and prints the port as its first stdout line. Exits when stdin closes or on
//   SIGTERM/SIGINT. GET /stats answers, per bot id (the digits before the token's colon, never the token), the calls
//   per method, how long ago the first getUpdates came and how many held getUpdates a newer one ended with 409
//   (overlaps), as JSON; GET /stats?format=text as lines
//   "BOT_ID polling_s=N method=count ... overlaps=N" (polling_s=-1 before the first getUpdates).
//   FAKE_BOT_TOPICS=1 switches threaded mode on for the bots' private chats (getMe's has_topics_enabled, Bot API 9.3)
//   and makes negative chat ids forum supergroups: createForumTopic, closeForumTopic and reopenForumTopic work, and
//   sends with message_thread_id land in that topic (or fail with "message thread not found", as Telegram does).
import http from 'node:http';

const DEFAULT_TOKEN = '123456:bench-token-abcdefghijklmnopqrstuvw';
const tokens = new Set(process.argv.length > 2 ? process.argv.slice(2)
    : (process.env.FAKE_BOT_TOKENS || DEFAULT_TOKEN).split(/\s+/).filter(Boolean));
const MAX_POLL_SECONDS = 50; // api.telegram.org holds a long poll for at most about this long
const TOPICS = process.env.FAKE_BOT_TOPICS === '1';

class ApiError extends Error {
    constructor(code, description) {
        super(description);
        this.code = code;
    }
}

const bots = new Map(); // bot id -> { calls: {method: n}, firstPoll (ms), nextMessageId, commands, heldPoll }
function bot(token) {
    const id = token.slice(0, token.indexOf(':'));
    if (!bots.has(id)) {
        bots.set(id, { id: Number(id), calls: {}, firstPoll: 0, nextMessageId: 1, commands: [], heldPoll: null,
            topics: new Map() });
    }
    return bots.get(id);
}
for (const token of tokens) bot(token);

const now = () => Math.floor(Date.now() / 1000);

function botUser(b) {
    return { id: b.id, is_bot: true, first_name: 'Bench Bot', username: `bench_${b.id}_bot`,
        can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
        has_topics_enabled: TOPICS, allows_users_to_create_topics: TOPICS };
}

function chatOf(params) {
    const raw = params.chat_id;
    if (raw === undefined || raw === '') throw new ApiError(400, 'Bad Request: chat_id is empty');
    const id = Number(raw);
    if (!Number.isSafeInteger(id)) throw new ApiError(400, 'Bad Request: chat not found');
    return id < 0 ? { id, type: 'supergroup', title: `Group ${-id}`, ...(TOPICS ? { is_forum: true } : {}) }
        : { id, type: 'private', first_name: 'Owner' };
}

// The topic a send names in message_thread_id (checked like Telegram), as fields of the sent message.
function threadOf(b, params) {
    if (params.message_thread_id === undefined || params.message_thread_id === '') return {};
    const topic = b.topics.get(`${chatOf(params).id}/${Number(params.message_thread_id)}`);
    if (!TOPICS || !topic) throw new ApiError(400, 'Bad Request: message thread not found');
    if (topic.closed) throw new ApiError(400, 'Bad Request: TOPIC_CLOSED');
    return { message_thread_id: topic.message_thread_id, is_topic_message: true };
}

function newMessage(b, params, extra) {
    const thread = threadOf(b, params);
    return { message_id: b.nextMessageId++, ...thread, from: botUser(b), chat: chatOf(params), date: now(),
        ...extra };
}

function topicOf(b, params) {
    const topic = b.topics.get(`${chatOf(params).id}/${Number(params.message_thread_id)}`);
    if (!TOPICS) throw new ApiError(400, 'Bad Request: the chat is not a forum');
    if (!topic) throw new ApiError(400, 'Bad Request: TOPIC_ID_INVALID');
    return topic;
}

function setClosed(b, params, closed) {
    const topic = topicOf(b, params);
    if (topic.closed === closed) throw new ApiError(400, 'Bad Request: TOPIC_NOT_MODIFIED');
    topic.closed = closed;
    return true;
}

function text(params, field = 'text') {
    const value = params[field];
    if (value === undefined || String(value).trim() === '') {
        throw new ApiError(400, 'Bad Request: message text is empty');
    }
    return String(value);
}

function parseJsonParam(value) {
    if (typeof value !== 'string') return value;
    try {
        return JSON.parse(value);
    } catch {
        throw new ApiError(400, 'Bad Request: can\'t parse JSON');
    }
}

// Methods by lower-case name (the Bot API ignores the case of method names). A handler returns the result, or a
// promise of it (getUpdates).
const methods = {
    getme: (b) => botUser(b),
    getupdates: (b, params, req) => getUpdates(b, params, req),
    setmycommands: (b, params) => {
        const commands = parseJsonParam(params.commands);
        if (!Array.isArray(commands)) throw new ApiError(400, 'Bad Request: parameter "commands" is required');
        b.commands = commands;
        return true;
    },
    getmycommands: (b) => b.commands,
    deletemycommands: (b) => {
        b.commands = [];
        return true;
    },
    deletewebhook: () => true,
    setwebhook: () => true,
    getwebhookinfo: () => ({ url: '', has_custom_certificate: false, pending_update_count: 0 }),
    sendmessage: (b, params) => newMessage(b, params, { text: text(params) }),
    editmessagetext: (b, params) => {
        if (params.inline_message_id) return true;
        const id = Number(params.message_id);
        if (!Number.isSafeInteger(id) || id < 1 || id >= b.nextMessageId) {
            throw new ApiError(400, 'Bad Request: message to edit not found');
        }
        return { message_id: id, from: botUser(b), chat: chatOf(params), date: now(), edit_date: now(),
            text: text(params) };
    },
    sendphoto: (b, params) => newMessage(b, params, {
        photo: [{ file_id: `photo${b.nextMessageId}`, file_unique_id: `p${b.nextMessageId}`, width: 1, height: 1 }],
        ...(params.caption ? { caption: String(params.caption) } : {}) }),
    senddocument: (b, params) => newMessage(b, params, {
        document: { file_id: `doc${b.nextMessageId}`, file_unique_id: `d${b.nextMessageId}`, file_name: 'file' },
        ...(params.caption ? { caption: String(params.caption) } : {}) }),
    answercallbackquery: (b, params) => {
        if (!params.callback_query_id) {
            throw new ApiError(400,
                'Bad Request: query is too old and response timeout expired or query ID is invalid');
        }
        return true;
    },
    getchat: (b, params) => chatOf(params),
    createforumtopic: (b, params) => {
        const chat = chatOf(params);
        if (!TOPICS) throw new ApiError(400, 'Bad Request: the chat is not a forum');
        const name = String(params.name ?? '');
        if (name.trim() === '') throw new ApiError(400, 'Bad Request: TOPIC_TITLE_EMPTY');
        const topic = { message_thread_id: b.nextMessageId++, name, icon_color: 0x6FB9F0, closed: false };
        b.topics.set(`${chat.id}/${topic.message_thread_id}`, topic);
        return { message_thread_id: topic.message_thread_id, name, icon_color: topic.icon_color };
    },
    closeforumtopic: (b, params) => setClosed(b, params, true),
    reopenforumtopic: (b, params) => setClosed(b, params, false),
    sendchataction: () => true,
    deletemessage: () => true,
    getfile: () => {
        throw new ApiError(400, 'Bad Request: invalid file_id');
    },
};
const canonical = Object.fromEntries(['getMe', 'getUpdates', 'setMyCommands', 'getMyCommands', 'deleteMyCommands',
    'deleteWebhook', 'setWebhook', 'getWebhookInfo', 'sendMessage', 'editMessageText', 'sendPhoto', 'sendDocument',
    'answerCallbackQuery', 'sendChatAction', 'deleteMessage', 'getFile', 'getChat', 'createForumTopic',
    'closeForumTopic', 'reopenForumTopic'].map((name) => [name.toLowerCase(), name]));

// Holds the poll for `timeout` seconds, then answers []. Like Telegram, a newer poll for the same bot ends the held
// one with 409 Conflict.
function getUpdates(b, params, req) {
    b.firstPoll ||= Date.now();
    let timeout = Number(params.timeout ?? 0);
    if (!Number.isFinite(timeout) || timeout < 0) timeout = 0;
    timeout = Math.min(timeout, MAX_POLL_SECONDS);
    if (b.heldPoll) b.heldPoll.conflict();
    if (timeout === 0) return [];
    return new Promise((resolve, reject) => {
        const held = {
            conflict() {
                // two getUpdates at once from clients that are both still there: count it, as a test must see 0
                b.overlaps = (b.overlaps ?? 0) + 1;
                end();
                reject(new ApiError(409, 'Conflict: terminated by other getUpdates request; '
                    + 'make sure that only one bot instance is running'));
            },
        };
        const end = () => {
            clearTimeout(timer);
            req.socket.off('close', gone);
            if (b.heldPoll === held) b.heldPoll = null;
        };
        const gone = () => {
            end();
            resolve(undefined); // the client went away: nothing to answer
        };
        const timer = setTimeout(() => {
            end();
            resolve([]);
        }, timeout * 1000);
        req.socket.on('close', gone);
        b.heldPoll = held;
    });
}

function parseBody(req, body) {
    const type = (req.headers['content-type'] || '').toLowerCase();
    const textBody = body.toString('utf8');
    if (body.length === 0) return {};
    if (type.startsWith('application/json')) {
        let value;
        try {
            value = JSON.parse(textBody);
        } catch {
            throw new ApiError(400, 'Bad Request: can\'t parse JSON object');
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw new ApiError(400, 'Bad Request: can\'t parse JSON object');
        }
        return value;
    }
    if (type.startsWith('application/x-www-form-urlencoded')) {
        return Object.fromEntries(new URLSearchParams(textBody));
    }
    if (type.startsWith('multipart/form-data')) {
        // Text fields only; file parts are read and dropped (binary content, latin1 keeps the byte count).
        const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
        if (!boundary) throw new ApiError(400, 'Bad Request: invalid multipart body');
        const params = {};
        for (const part of body.toString('latin1').split(`--${boundary}`)) {
            const split = part.indexOf('\r\n\r\n');
            if (split < 0) continue;
            const headers = part.slice(0, split);
            const name = /name="([^"]*)"/i.exec(headers)?.[1];
            if (name === undefined) continue;
            const value = part.slice(split + 4).replace(/\r\n$/, '');
            params[name] = /filename=/i.test(headers) ? '<file>' : Buffer.from(value, 'latin1').toString('utf8');
        }
        return params;
    }
    return {};
}

function send(res, status, payload) {
    if (res.destroyed || res.headersSent) return;
    const bytes = Buffer.from(JSON.stringify(payload));
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
    res.end(bytes);
}

function sendError(res, error) {
    send(res, error.code, { ok: false, error_code: error.code, description: error.message });
}

function stats(url, res) {
    const pollingSeconds = (b) => (b.firstPoll ? Math.round((Date.now() - b.firstPoll) / 1000) : -1);
    if (url.searchParams.get('format') === 'text') {
        const lines = [...bots.values()].map((b) => [b.id, `polling_s=${pollingSeconds(b)}`,
            ...Object.entries(b.calls).map(([m, n]) => `${m}=${n}`), `overlaps=${b.overlaps ?? 0}`].join(' '));
        const bytes = Buffer.from(lines.join('\n') + '\n');
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': bytes.length });
        res.end(bytes);
        return;
    }
    send(res, 200, Object.fromEntries([...bots.values()].map((b) => [b.id,
        { calls: b.calls, polling_seconds: pollingSeconds(b), overlaps: b.overlaps ?? 0 }])));
}

async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    if (url.pathname === '/stats' && req.method === 'GET') return stats(url, res);

    const match = /^\/(file\/)?bot([^/]*)\/(.*)$/.exec(url.pathname);
    if (!match) return sendError(res, new ApiError(404, 'Not Found'));
    const [, file, token, method] = match;
    if (!tokens.has(token)) return sendError(res, new ApiError(401, 'Unauthorized'));
    if (file) return sendError(res, new ApiError(404, 'Not Found')); // no files here
    const key = method.toLowerCase();
    const handler = methods[key];
    if (!handler) return sendError(res, new ApiError(404, 'Not Found'));

    const b = bot(token);
    const name = canonical[key];
    b.calls[name] = (b.calls[name] || 0) + 1;
    try {
        const params = { ...Object.fromEntries(url.searchParams), ...parseBody(req, body) };
        const result = await handler(b, params, req);
        if (result !== undefined) send(res, 200, { ok: true, result });
    } catch (error) {
        if (error instanceof ApiError) return sendError(res, error);
        process.stderr.write(`fake-bot-api: ${name} failed: ${error.stack}\n`);
        sendError(res, new ApiError(500, 'Internal Server Error'));
    }
}

const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
        process.stderr.write(`fake-bot-api: ${error.stack}\n`);
        if (!res.headersSent) sendError(res, new ApiError(500, 'Internal Server Error'));
    });
});
server.keepAliveTimeout = 65_000; // the server's clients keep connections open between polls

let stopping = false;
function stop() {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();

server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${server.address().port}\n`);
});
