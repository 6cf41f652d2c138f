-- Sealpost: XEP-0133 §4.3 "Disable User" and §4.4 "Re-Enable User" for Prosody 0.12, whose
-- mod_admin_adhoc lacks both. The gateway runs them as ad-hoc commands (XEP-0050) from its
-- component, like every other account command: it never touches Prosody's files.
--
-- Disabling keeps the account and all its data (roster, archive, keys, password), records a
-- flag in Prosody's storage, ends every session of the account (XEP-0133 §4.3: "MUST result
-- in the termination of any active sessions") and refuses further logins with the SASL
-- condition <account-disabled/> (RFC 6120 §6.5.1). Re-enabling clears the flag; the user's
-- own password works again. Deleting the account removes the flag with the user's data.
--
-- Logins are refused by wrapping the SASL profile of the host's auth provider: util.sasl
-- treats a `false` account state from the profile as <account-disabled/> (util/sasl/plain.lua,
-- util/sasl/scram.lua). Resource binding is refused as well, as a second line.

local adhoc_simple = require "util.adhoc".new_simple_form;
local dataforms_new = require "util.dataforms".new;
local jid_split = require "util.jid".split;
local usermanager = require "core.usermanager";
local t_concat = table.concat;

module:depends("adhoc");
local adhoc_new = module:require "adhoc".new;

local host = module.host;
-- keyval store: username -> { since = unix time, by = bare JID of the admin }
local disabled_store = module:open_store("account_disabled");

local function is_disabled(username)
	if not username then return false; end
	local flag, err = disabled_store:get(username);
	if err then
		-- Fail closed: a login we cannot check is refused.
		module:log("error", "Cannot read the disabled flag of %s: %s", username, err);
		return true;
	end
	return flag ~= nil;
end

-- Position of the "account state" among each SASL profile backend's return values.
local function state_position(backend)
	if backend == "plain_test" or backend == "plain" then return 2; end
	if backend:match("^scram_") then return 5; end
	return nil;
end

local function wrap_profile(profile)
	if rawget(profile, "sealpost_disable_user") then return; end
	local wrapped = {};
	for backend, fn in pairs(profile) do
		local pos = type(backend) == "string" and type(fn) == "function" and state_position(backend);
		if pos then
			wrapped[backend] = function(sasl, username, ...)
				local ret = table.pack(fn(sasl, username, ...));
				-- plain_test returns (password_ok, state): a wrong password stays "not-authorized",
				-- so the flag is revealed only to someone who knows the password.
				local proceeding = ret[pos] and (backend ~= "plain_test" or ret[1]);
				if proceeding and is_disabled(username) then
					module:log("info", "Refusing login of disabled account %s@%s", username, host);
					ret[pos] = false;
				end
				return table.unpack(ret, 1, math.max(ret.n, pos));
			end;
		end
	end
	for backend, fn in pairs(wrapped) do profile[backend] = fn; end
	profile.sealpost_disable_user = true;
end

local original_get_sasl_handler = setmetatable({}, { __mode = "k" });

local function wrap_provider(provider)
	if not provider or original_get_sasl_handler[provider] then return; end
	local get_sasl_handler = rawget(provider, "get_sasl_handler");
	if not get_sasl_handler then return; end
	original_get_sasl_handler[provider] = get_sasl_handler;
	provider.get_sasl_handler = function(...)
		local handler = get_sasl_handler(...);
		if handler and handler.profile then wrap_profile(handler.profile); end
		return handler;
	end;
end

wrap_provider(prosody.hosts[host].users);
-- A provider loaded or reloaded later (usermanager installs it at priority 0; we run after).
module:hook("item-added/auth-provider", function()
	wrap_provider(prosody.hosts[host].users);
end, -10);

function module.unload()
	for provider, fn in pairs(original_get_sasl_handler) do provider.get_sasl_handler = fn; end
end

module:hook("pre-resource-bind", function(event)
	if is_disabled(event.session.username) then
		event.error = { type = "auth", condition = "not-authorized", text = "Account disabled" };
		return false;
	end
end, 1000);

local function end_sessions(username)
	local user = prosody.hosts[host].sessions[username];
	if user and user.sessions then
		for _, session in pairs(user.sessions) do
			session:close({ condition = "not-authorized", text = "Account disabled" });
		end
	end
end

module:hook_global("user-deleted", function(event)
	if event.host == host then disabled_store:set(event.username, nil); end
end);

local function accounts_form(title, label)
	return dataforms_new{
		title = title;
		{ name = "FORM_TYPE", type = "hidden", value = "http://jabber.org/protocol/admin" };
		{ name = "accountjids", type = "jid-multi", required = true, label = label };
	};
end

-- Runs `action(username, admin)` for each JID; the note lists failures (XEP-0133 style).
local function accounts_command(layout, verb, action)
	return adhoc_simple(layout, function(fields, err, data)
		if err then
			local msg = {};
			for name, e in pairs(err) do msg[#msg + 1] = name .. ": " .. e; end
			return { status = "completed", error = { message = t_concat(msg, "\n") } };
		end
		local failed, succeeded = {}, {};
		for _, account in ipairs(fields.accountjids) do
			local username, account_host = jid_split(account);
			if account_host == host and username and usermanager.user_exists(username, host) then
				local ok, action_err = action(username, data.from);
				if ok then
					succeeded[#succeeded + 1] = account;
					module:log("info", "Account %s %s by %s", account, verb, data.from);
				else
					failed[#failed + 1] = account .. " (" .. tostring(action_err) .. ")";
				end
			else
				failed[#failed + 1] = account .. " (user does not exist)";
			end
		end
		if #failed > 0 then
			return { status = "completed", error = { message = "The following accounts could not be " .. verb .. ":\n" .. t_concat(failed, "\n") } };
		end
		return { status = "completed", info = "The following accounts were " .. verb .. ":\n" .. t_concat(succeeded, "\n") };
	end);
end

local disable_handler = accounts_command(accounts_form("Disabling a User", "The Jabber ID(s) to disable"), "disabled",
	function(username, admin)
		local ok, err = disabled_store:set(username, { since = os.time(), by = admin });
		if not ok then return nil, err; end
		end_sessions(username);
		return true;
	end);

local reenable_handler = accounts_command(accounts_form("Re-Enable a User", "The Jabber ID(s) to re-enable"), "re-enabled",
	function(username)
		return disabled_store:set(username, nil);
	end);

module:provides("adhoc", adhoc_new("Disable a User", "http://jabber.org/protocol/admin#disable-user", disable_handler, "admin"));
module:provides("adhoc", adhoc_new("Re-Enable a User", "http://jabber.org/protocol/admin#reenable-user", reenable_handler, "admin"));
