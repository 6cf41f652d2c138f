-- Sealpost: the one Prosody 0.12 configuration, fed by environment variables.
-- Used as is by `npm start` (scripts/start.mjs), by the tests (tests/harness/) and by the
-- Docker image (xmpp-config/Dockerfile). Nothing here is edited per deployment: every
-- choice a deployment makes is an environment variable documented in README.md.
--
-- Principles: lose nothing (SQL storage, archives and uploads kept until deleted),
-- encrypt every client connection, let only the gateway administer accounts.
-- Prosody reads `ENV_X` as os.getenv("X") (core/configmanager.lua).

local function required(name)
	local value = os.getenv(name)
	if value == nil or value == "" then
		error("Sealpost: environment variable " .. name .. " is required (see README.md)", 0)
	end
	return value
end
local function number(name, default)
	local value = os.getenv(name)
	if value == nil or value == "" then return default end
	local n = tonumber(value)
	if n == nil then error("Sealpost: " .. name .. " must be a number, got '" .. value .. "'", 0) end
	return n
end
local function list(name, default)
	local value = os.getenv(name)
	if value == nil or value == "" then value = default end
	local out = {}
	for item in value:gmatch("[^,%s]+") do out[#out + 1] = item end
	return out
end

local DOMAIN = required("SEALPOST_DOMAIN")
local DATA_DIR = required("SEALPOST_PROSODY_DATA_DIR")
local TLS_CERT = required("SEALPOST_TLS_CERT")
local TLS_KEY = required("SEALPOST_TLS_KEY")
local COMPONENT_SECRET = required("SEALPOST_COMPONENT_SECRET")
local GATEWAY_JID = os.getenv("SEALPOST_GATEWAY_JID") or ("gateway." .. DOMAIN)
local UPLOAD_JID = "upload." .. DOMAIN
-- Where browsers reach Prosody's HTTP services: the gateway's public URL, which proxies
-- /xmpp-websocket and /file_share to Prosody (one origin for the web client).
local PUBLIC_URL = required("SEALPOST_PUBLIC_URL")
local IS_LOCAL = DOMAIN == "localhost" or DOMAIN:match("%.localhost$") ~= nil

-- Runs in the foreground under a supervisor (the launcher, the tests, Docker).
daemonize = false
-- Our own modules (xmpp-config/modules/, beside this file; the config is loaded as a chunk
-- named "@<path of this file>", so its folder is known wherever the file is installed).
plugin_paths = { (debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or ".") .. "/modules" }
pidfile = nil
data_path = DATA_DIR
log = { { levels = { min = os.getenv("SEALPOST_PROSODY_LOG_LEVEL") or "info" }, to = "console" } }

-- Administrators: only the gateway component. It runs XEP-0133 commands (add-user,
-- delete-user, ...) for the REST API; people become admins in the gateway, not here.
admins = { GATEWAY_JID }

modules_enabled = {
	-- Core
	"roster"; "saslauth"; "tls"; "disco"; "posix"; "ping"; "time"; "uptime"; "version";
	-- Messaging that loses nothing
	"carbons";   -- XEP-0280: every device sees what the others sent and received
	"mam";       -- XEP-0313: the server archive every device reads history from
	"offline";   -- messages to someone with no online device wait for them
	"smacks";    -- XEP-0198: stream management, resumption after network breaks
	"pep";       -- XEP-0163: OX public keys and secret-key backups (XEP-0373)
	"blocklist"; "vcard4"; "vcard_legacy";
	-- Accounts and administration
	"register";  -- XEP-0077: password change and account deletion by the user
	"adhoc"; "admin_adhoc"; -- XEP-0050/XEP-0133: the gateway's admin commands
	"sealpost_disable_user"; -- XEP-0133 disable-user/reenable-user (modules/, not in 0.12)
	"sealpost_stanza_size"; -- the stanza size limits below hold with 1 MiB reads (modules/)
	-- Transports
	"websocket"; -- RFC 7395: the web client (through the gateway's proxy)
	"http";
	-- Protection
	"limits";    -- per-connection bandwidth limits (below)
}
-- A `localhost` server cannot federate (no DNS, no valid certificate): no s2s there.
-- Options are write-only in this file, so the list is built before it is assigned.
local disabled = { "s2s_bidi" }
if IS_LOCAL then disabled[#disabled + 1] = "s2s" end
modules_disabled = disabled

-- Storage: SQL (SQLite in the data folder). Internal file storage caps archives at
-- 10,000 items; SQL storage has no such cap.
storage = "sql"
sql = { driver = "SQLite3"; database = "prosody.sqlite" }
authentication = "internal_hashed"

-- Keep every archived message until the user deletes it (Prosody's default is one week).
archive_expires_after = os.getenv("SEALPOST_ARCHIVE_EXPIRES_AFTER") or "never"
default_archive_policy = true    -- archive all conversations, not only roster contacts
max_archive_query_results = 250  -- page size ceiling for MAM queries (clients page with RSM)
dont_archive_namespaces = { "http://jabber.org/protocol/chatstates" }

-- TLS everywhere. Clients must encrypt; the certificate is the deployment's (a self-signed
-- one generated on first run for localhost).
ssl = { certificate = TLS_CERT; key = TLS_KEY }
certificates = TLS_CERT:match("^(.*)/[^/]*$") or "." -- the folder of our certificate, not /etc/prosody
https_ssl = { certificate = TLS_CERT; key = TLS_KEY } -- Node sends no SNI to IP addresses
c2s_require_encryption = true
s2s_require_encryption = true
-- Federation authenticates peers by certificate (no dialback-only trust).
s2s_secure_auth = not IS_LOCAL

-- The WebSocket endpoint is reached only through the gateway, which terminates TLS in
-- production (behind the deployment's reverse proxy) and talks to Prosody on an internal
-- interface; Prosody's HTTP port is never exposed. Without this, login over ws:// is hidden.
consider_websocket_secure = true

-- In-band registration (XEP-0077 §3.1) is off for every client, loopback included: the
-- gateway's proxy reaches Prosody from loopback, so an address allowlist let anyone sign up
-- through /xmpp-websocket. Accounts are created only by the gateway (its API, with invites and
-- rate limits, and XEP-0133 add-user from its component). With allow_registration = false,
-- mod_register still loads mod_user_account_management: users keep password change (§3.3)
-- and account removal (§3.2) over XMPP.
allow_registration = false

-- Ports and interfaces. Public: client (STARTTLS and direct TLS) and server-to-server.
-- Internal: the component port (the gateway) and HTTP (reached only through the gateway).
interfaces = list("SEALPOST_LISTEN", "127.0.0.1")
c2s_ports = { number("SEALPOST_C2S_PORT", 5222) }
c2s_direct_tls_ports = { number("SEALPOST_C2S_DIRECT_TLS_PORT", 5223) }
s2s_ports = { number("SEALPOST_S2S_PORT", 5269) }
s2s_direct_tls_ports = {}
component_ports = { number("SEALPOST_COMPONENT_PORT", 5347) }
component_interfaces = list("SEALPOST_INTERNAL_LISTEN", "127.0.0.1")
http_ports = { number("SEALPOST_XMPP_HTTP_PORT", 5280) }
http_interfaces = list("SEALPOST_INTERNAL_LISTEN", "127.0.0.1")
https_ports = {}
http_external_url = PUBLIC_URL
http_default_host = DOMAIN -- whatever Host header the proxy passes
trusted_proxies = list("SEALPOST_INTERNAL_PROXIES", "127.0.0.1, ::1")

-- Throughput (measured, see ../shared notes): Nagle off and large socket reads take message
-- p99 latency from ~35 ms to ~2 ms and uploads from 3-4 MB/s to ~140 MB/s.
network_settings = { nagle = false }
network_default_read_size = 1048576
-- http_max_content_size stays at its default: larger values make Prosody hold bodies in memory.

-- Stanza size limits: an OX message with an encrypted thumbnail stays well below 512 KiB.
-- One limit for every path: c2s (STARTTLS and direct TLS), the WebSocket endpoint (mod_websocket
-- applies c2s_stanza_size_limit to each frame and feeds the c2s stream) and s2s. Over the limit
-- the stream is closed with <policy-violation/> (RFC 6120 §4.9.3.12); mod_sealpost_stanza_size
-- makes the check hold with the large reads below.
local STANZA_SIZE_LIMIT = number("SEALPOST_STANZA_SIZE_LIMIT", 512 * 1024)
c2s_stanza_size_limit = STANZA_SIZE_LIMIT
s2s_stanza_size_limit = STANZA_SIZE_LIMIT
-- Bandwidth per connection (mod_limits): generous for people, a brake for floods.
limits = {
	c2s = { rate = os.getenv("SEALPOST_C2S_RATE") or "256kb/s"; burst = "4s" };
	s2sin = { rate = "512kb/s"; burst = "4s" };
}

-- Devices that drop off keep their session (and get missed messages) for 10 minutes.
smacks_hibernation_time = 600

VirtualHost(DOMAIN)

-- XEP-0363 HTTP file upload. Files are end-to-end encrypted by clients before upload.
-- Large limit and no expiry: a file someone sent stays until it is deleted.
-- Component "jid" "module" is Component("jid")("module") in Lua: the module is a second call.
Component(UPLOAD_JID)("http_file_share")
	http_file_share_size_limit = number("SEALPOST_UPLOAD_SIZE_LIMIT", 512 * 1024 * 1024)
	http_file_share_daily_quota = number("SEALPOST_UPLOAD_DAILY_QUOTA", 10 * 512 * 1024 * 1024)
	http_file_share_expires_after = -1
	http_host = DOMAIN -- served on the main host's HTTP, through the gateway's proxy

-- The gateway (XEP-0114): registration, administration and the public-key directory.
Component(GATEWAY_JID)
	component_secret = COMPONENT_SECRET
