-- Sealpost: makes c2s_stanza_size_limit / s2s_stanza_size_limit hold whatever the socket read
-- size (RFC 6120 §13.12: a server may limit stanza size and closes the stream with
-- <policy-violation/> when it is exceeded, which mod_c2s and mod_s2s already do).
--
-- Prosody 0.12's util.xmppstream checks the limit only after each feed(), on the bytes it has
-- not yet handed over as complete stanzas. One socket read is one feed(), and this
-- configuration reads up to network_default_read_size = 1 MiB at a time (for upload
-- throughput over HTTP): a whole 600 KiB or 1 MiB stanza arriving in one read was parsed and
-- routed before the check ran. Feeding the parser in FEED_CHUNK pieces runs the check at least
-- every FEED_CHUNK bytes, so no stanza longer than the limit plus FEED_CHUNK bytes is ever
-- routed, on plain c2s, on the WebSocket endpoint (mod_websocket feeds the same c2s stream
-- with the frames' payloads) and on s2s, while socket reads (and HTTP uploads) stay large.
module:set_global();

local filters = require "util.filters";

local FEED_CHUNK = module:get_option_number("sealpost_stanza_feed_chunk", 4096, 256);

local function chunked(feed)
	return function(stream, data)
		if #data <= FEED_CHUNK then return feed(stream, data); end
		local ok, err = true, nil;
		for i = 1, #data, FEED_CHUNK do
			ok, err = feed(stream, data:sub(i, i + FEED_CHUNK - 1));
			-- The stream is being closed (stanza-too-large, not-well-formed): stop parsing.
			if not ok then return ok, err; end
		end
		return ok, err;
	end
end

-- Filter hooks run when a session is created (util.filters), before its stream exists; the
-- stream is wrapped on the session's first incoming bytes, ahead of its first feed().
local function wrap_stream(data, session)
	local stream = session.stream;
	if stream and not stream.sealpost_chunked then
		stream.feed = chunked(stream.feed);
		stream.sealpost_chunked = true;
	end
	return data;
end

local function filter_hook(session)
	-- Highest priority: runs first among the "bytes/in" filters, before mod_limits delays data.
	filters.add_filter(session, "bytes/in", wrap_stream, 1000);
end

function module.load()
	filters.add_filter_hook(filter_hook);
end

function module.unload()
	filters.remove_filter_hook(filter_hook);
end
