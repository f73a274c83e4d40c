// A real SCIM 2.0 service provider for the connector contract tests: SCIMMY declares Users (with roles and the
// enterprise extension) and Groups over an in-memory store, scimmy-routers serves them under /scim/v2, and a
// separate /admin router (never part of SCIM) resets the store, seeds users in bulk, counts requests, toggles the
// advertised capabilities and queues faults.
//
//   SCIM_TOKEN=secret node server.js [port]      (port from the argument or PORT; 0 or absent = a free port)
//
// The first line on stdout is "listening <port>". Listens on 127.0.0.1 only.
import crypto from "node:crypto";
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";

const token = process.env.SCIM_TOKEN;
if (!token) {
    console.error("SCIM_TOKEN is not set");
    process.exit(2);
}

const users = new Map();
const groups = new Map();
let version = 0;
const nextVersion = () => `W/"${++version}"`;
const sameName = (a, b) => String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();

function stamp(previous) {
    const now = new Date().toISOString();
    return { created: previous?.meta?.created ?? now, lastModified: now, version: nextVersion() };
}

// Users: a user's groups are read-only and derived from the groups' members, as RFC 7643 says.
function withGroups(user, memberships = membershipsOf()) {
    return { ...user, groups: memberships.get(user.id) ?? [] };
}

// Every user's groups, in one pass over the groups' members (built once per request, not once per user).
function membershipsOf() {
    const memberships = new Map();
    for (const group of groups.values()) {
        for (const member of group.members ?? []) {
            const list = memberships.get(member.value) ?? [];
            if (!list.some((g) => g.value === group.id)) list.push({ value: group.id, display: group.displayName, type: "direct" });
            memberships.set(member.value, list);
        }
    }
    return memberships;
}

// The one page a list request asks for (RFC 7644 §3.4.2.4), so scimmy converts only the resources it returns, not the
// whole store on every page. `count` is capped at the advertised filter.maxResults and at pageLimit (a server "MAY
// return fewer results"); absent, the page holds up to maxResults. itemsPerPage is the number of resources on the page.
// scimmy builds the ListResponse from the array egress returns: its length is totalResults and its holes are dropped
// (the sparse-array form scimmy's ListResponse documents). scimmy then still slices at startIndex when the compacted
// resources reach it and the page is not the last one, so in that case the resources before the page (fewer than one
// page: startIndex <= count) are kept too, plus the one after the page when that is what keeps the slice right.
// With sortBy the whole set goes back, for scimmy to sort before it pages.
function paged(resource, matching, render) {
    const { sortBy, startIndex = 1, count = capabilities.maxResults } = resource.constraints ?? {};
    if (sortBy !== undefined) return matching.map(render);
    const total = matching.length;
    const from = Math.max(startIndex, 1) - 1;
    const size = Math.max(0, Math.min(count, capabilities.maxResults, capabilities.pageLimit ?? Infinity, total - from));
    resource.constraints = { ...resource.constraints, startIndex: from + 1, count: size };
    let keep = [from, from + size];
    const slices = (kept) => kept >= from + 1 && total !== kept + from;
    if (slices(size)) keep = [0, from + size + (total === 2 * from + size ? 1 : 0)];
    const result = new Array(total);
    for (let i = keep[0]; i < keep[1]; i++) result[i] = render(matching[i]);
    return result;
}

// The userName an expression `userName eq "…"` (alone) asks for, else undefined.
function userNameEquals(filter) {
    if (filter?.length !== 1) return undefined;
    const entries = Object.entries(filter[0]);
    if (entries.length !== 1 || entries[0][0].toLowerCase() !== "username") return undefined;
    const [operator, value, ...rest] = entries[0][1];
    return typeof operator === "string" && operator.toLowerCase() === "eq" && typeof value === "string" && rest.length === 0 ? value : undefined;
}

// userName is unique ignoring case (RFC 7643 §4.1.1); the index keeps bulk seeding linear.
const idsByName = new Map();
const nameKey = (userName) => String(userName ?? "").toLowerCase();

function storeUser(id, instance) {
    const clash = idsByName.get(nameKey(instance.userName));
    if (clash && clash !== id) throw new SCIMMY.Types.Error(409, "uniqueness", `User with userName ${instance.userName} already exists`);
    const { groups: _readOnly, ...rest } = instance;
    const previous = users.get(id);
    if (previous) idsByName.delete(nameKey(previous.userName));
    const user = { ...rest, id, meta: stamp(previous) };
    users.set(id, user);
    idsByName.set(nameKey(user.userName), id);
    return withGroups(user);
}

SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    extensions: [{ schema: SCIMMY.Schemas.EnterpriseUser, required: false }],
    egress: async (resource) => {
        if (resource.id) {
            const user = users.get(resource.id);
            if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            return withGroups(user);
        }
        const memberships = membershipsOf();
        const render = (user) => withGroups(user, memberships);
        // userName is unique ignoring case (caseExact false, RFC 7643 §4.1.1), so `userName eq` is one index lookup.
        const byName = userNameEquals(resource.filter);
        if (byName !== undefined) {
            const id = idsByName.get(nameKey(byName));
            return paged(resource, id ? [users.get(id)] : [], render);
        }
        if (!resource.filter) return paged(resource, [...users.values()], render);
        return paged(resource, resource.filter.match([...users.values()].map(render)), (user) => user);
    },
    ingress: async (resource, instance) => {
        if (resource.id && !users.has(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        return storeUser(resource.id ?? crypto.randomUUID(), instance);
    },
    degress: async (resource) => {
        const user = users.get(resource.id);
        if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        users.delete(resource.id);
        idsByName.delete(nameKey(user.userName));
        for (const group of groups.values()) group.members = (group.members ?? []).filter((m) => m.value !== resource.id);
    },
});

SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    egress: async (resource) => {
        if (resource.id) {
            const group = groups.get(resource.id);
            if (!group) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            return group;
        }
        const all = [...groups.values()];
        return paged(resource, resource.filter ? resource.filter.match(all) : all, (group) => group);
    },
    ingress: async (resource, instance) => {
        if (resource.id && !groups.has(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        const id = resource.id ?? crypto.randomUUID();
        const clash = [...groups.values()].find((g) => g.id !== id && sameName(g.displayName, instance.displayName));
        if (clash) throw new SCIMMY.Types.Error(409, "uniqueness", `Group ${instance.displayName} already exists`);
        const unknown = (instance.members ?? []).find((m) => !users.has(m.value));
        if (unknown) throw new SCIMMY.Types.Error(400, "invalidValue", `No user ${unknown.value}`);
        const group = { ...instance, id, meta: stamp(groups.get(id)) };
        groups.set(id, group);
        return group;
    },
    degress: async (resource) => {
        if (!groups.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    },
});

const scimError = (status, detail, scimType) => ({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
});

// --- capabilities and faults, driven by /admin ------------------------------------------------------------------

const defaults = { patch: true, etag: false, bulk: true, maxResults: 200, pageLimit: null };
let capabilities = { ...defaults };
let faults = [];
let requests = { total: 0, writes: 0 };

function applyCapabilities() {
    SCIMMY.Config.set({ patch: capabilities.patch, etag: capabilities.etag, bulk: capabilities.bulk, filter: capabilities.maxResults });
}

// { patch, etag, bulk, maxResults } as /ServiceProviderConfig advertises them; ETags are also enforced (see etagMiddleware),
// and list pages hold at most maxResults. pageLimit (not advertised; null = none) makes pages hold fewer than asked.
// A fault: { kind: "status"|"malformed"|"pageLoop"|"totalResults"|"dropAfter", method?, path?, skip?, times?, status?, retryAfter?, body? }
// "dropAfter" lets the app act on the request, then drops the connection instead of answering (a lost answer).
// It matches requests by method and path prefix (relative to /scim/v2), lets `skip` matching requests through,
// then acts on the next `times` (default 1).
function takeFault(req) {
    for (const fault of faults) {
        if (fault.method && fault.method.toUpperCase() !== req.method) continue;
        if (fault.path && !req.path.startsWith(fault.path)) continue;
        if (fault.skip > 0) {
            fault.skip--;
            continue;
        }
        fault.times--;
        faults = faults.filter((f) => f.times > 0);
        return fault;
    }
    return undefined;
}

function faultMiddleware(req, res, next) {
    requests.total++;
    if (req.method !== "GET") requests.writes++;
    const fault = takeFault(req);
    if (!fault) return next();
    switch (fault.kind) {
        case "status":
            if (fault.retryAfter !== undefined) res.setHeader("Retry-After", String(fault.retryAfter));
            return res.status(fault.status).type("application/scim+json")
                .send(JSON.stringify(fault.body ?? scimError(fault.status, `injected fault ${fault.status}`)));
        case "malformed":
            return res.status(200).type("application/scim+json")
                .send('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":3,"Resources":[{"id":');
        case "dropAfter":
            res.write = () => true;
            res.end = () => {
                req.socket.destroy();
                return res;
            };
            return next();
        case "pageLoop":
            // The server ignores startIndex and serves the first page again.
            req.query.startIndex = "1";
            return next();
        case "totalResults": {
            // Someone adds a user between two pages: totalResults grows mid-read.
            const id = crypto.randomUUID();
            storeUser(id, { schemas: [SCIMMY.Schemas.User.id], userName: `${id}@late.example.com`, active: true });
            return next();
        }
        default:
            return res.status(500).send(scimError(500, `unknown fault kind ${fault.kind}`));
    }
}

// ETags as RFC 7644 §3.14 describes them, when switched on: the version is sent as the ETag header of a single
// resource, and If-Match on PUT/PATCH/DELETE must name the current version or the request fails with 412.
function etagMiddleware(req, res, next) {
    if (!capabilities.etag) return next();
    const match = /^\/(Users|Groups)\/([^/]+)$/.exec(req.path);
    if (!match) return next();
    const current = (match[1] === "Users" ? users : groups).get(match[2]);
    if (!current) return next();
    const ifMatch = req.header("If-Match");
    if (req.method !== "GET" && ifMatch && ifMatch !== current.meta.version) {
        return res.status(412).type("application/scim+json")
            .send(JSON.stringify(scimError(412, `If-Match ${ifMatch} does not match version ${current.meta.version}`)));
    }
    const send = res.send.bind(res);
    res.send = (body) => {
        const latest = (match[1] === "Users" ? users : groups).get(match[2]);
        if (latest) res.setHeader("ETag", latest.meta.version);
        return send(body);
    };
    return next();
}

const admin = express.Router();
admin.use(express.json({ limit: "50mb" }));
admin.post("/reset", (req, res) => {
    users.clear();
    idsByName.clear();
    groups.clear();
    faults = [];
    requests = { total: 0, writes: 0 };
    capabilities = { ...defaults };
    applyCapabilities();
    res.status(204).end();
});
admin.put("/capabilities", (req, res) => {
    capabilities = { ...capabilities, ...req.body };
    applyCapabilities();
    res.json(capabilities);
});
admin.post("/faults", (req, res) => {
    const list = Array.isArray(req.body) ? req.body : [req.body];
    faults.push(...list.map((f) => ({ skip: 0, times: 1, ...f })));
    res.status(204).end();
});
// Seeds users (and role groups named by `group`) without going through SCIM, for large fixtures.
admin.post("/seed", (req, res) => {
    const created = [];
    for (const seed of req.body.users ?? []) {
        const { group, ...fields } = seed;
        const schemas = [SCIMMY.Schemas.User.id];
        if (fields[SCIMMY.Schemas.EnterpriseUser.id]) schemas.push(SCIMMY.Schemas.EnterpriseUser.id);
        const user = storeUser(crypto.randomUUID(), { schemas, active: true, ...fields });
        if (group) {
            let target = [...groups.values()].find((g) => sameName(g.displayName, group));
            if (!target) {
                target = { schemas: [SCIMMY.Schemas.Group.id], id: crypto.randomUUID(), displayName: group, members: [], meta: stamp() };
                groups.set(target.id, target);
            }
            target.members.push({ value: user.id, display: user.userName, type: "User" });
        }
        created.push(user.id);
    }
    res.json({ ids: created });
});
admin.get("/state", (req, res) => {
    const memberships = membershipsOf();
    res.json({ users: [...users.values()].map((user) => withGroups(user, memberships)), groups: [...groups.values()] });
});
admin.get("/requests", (req, res) => res.json(requests));
// One user by userName and the number of users, read outside SCIM so a benchmark watching the app adds no SCIM request.
admin.get("/users/:userName", (req, res) => {
    const id = idsByName.get(nameKey(req.params.userName));
    if (!id) return res.status(404).end();
    const { id: _id, userName, roles, active } = users.get(id);
    res.json({ id, userName, roles, active });
});
admin.get("/count", (req, res) => res.json({ users: users.size }));

applyCapabilities();
const app = express();
app.use("/admin", admin);
app.use("/scim/v2", faultMiddleware, etagMiddleware, new SCIMMYRouters({
    type: "bearer",
    docUri: "https://example.com/docs/scim-auth",
    handler: (req) => {
        if (req.header("Authorization") !== `Bearer ${token}`) throw new Error("Bearer token missing or not valid");
        return "cerby-operator";
    },
    context: () => ({}),
    baseUri: () => undefined,
}));
applyCapabilities();

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
const server = app.listen(port, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
