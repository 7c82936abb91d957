/**
 * The one Lua script behind every stats write. Redis runs a script atomically, so a recording is
 * applied whole or not at all, and concurrent workers never interleave inside one.
 *
 * Call: KEYS[1] = the posting record hash; ARGV[1] = base (`${prefix}:stats`), ARGV[2] = op,
 * ARGV[3] = posting key, then per op:
 *   record  fingerprint, datePosted day ('' when absent), seen day, role, skills, then (all
 *           optional, '' when absent) remote, company (normalised), salary (`cur|period|min|max`),
 *           summary JSON, summary TTL in ms, seen-at ISO time → added | unchanged | replaced |
 *           duplicate
 *   unlist  → unlisted | kept: takes a key whose summary has expired (retention) out of the
 *           postings indexes; its stats stay
 *   fail    reason → failed | kept (the key already counts; its last good version stays)
 *   remove  → removed | absent
 *
 * The other keys are derived from the base inside the script (see `keys.ts`): the day buckets
 * and fingerprint groups a recording touches are only known once the stored record is read.
 * That is fine on a single Redis (the setup jobsift uses), not on Redis Cluster.
 *
 * The postings store rides on the same step: each recording also stores the posting's summary
 * (`{base}:summary:{key}`), and a key that counts is in the postings indexes (lex-ordered sets
 * of `day|key`: all, per role, skill, source, remote, company) while its summary exists, and in
 * the salary index while it states a salary. So the postings behind a number are the postings
 * the number counts, whatever re-crawl, change, duplicate or withdrawal happened.
 */
export const STATS_SCRIPT = `
local recKey = KEYS[1]
local base = ARGV[1]
local op = ARGV[2]
local key = ARGV[3]

local totalsKey = base .. ':totals'
local failuresKey = base .. ':failures'
local daysKey = base .. ':days'
local ownersKey = base .. ':owners'
local salaryKey = base .. ':salary'
-- Counts changes to the figures, so a reader can tell a cached answer is still exact.
local generationKey = base .. ':generation'

local function recordKeyOf(k) return base .. ':posting:' .. k end
local function groupKeyOf(fp) return base .. ':fp:' .. fp end

local function load(k)
  local flat = redis.call('HGETALL', recordKeyOf(k))
  if #flat == 0 then return nil end
  local r = {}
  for i = 1, #flat, 2 do r[flat[i]] = flat[i + 1] end
  return r
end

local function summaryKeyOf(k) return base .. ':summary:' .. k end
local function sourceOf(k) return string.match(k, '^([^:]+):') or '' end
local sourcesKey = base .. ':sources'

local function countForSource(field, delta)
  if redis.call('HINCRBY', sourcesKey, field, delta) <= 0 then
    redis.call('HDEL', sourcesKey, field)
  end
end

-- k is stored as a duplicate (delta 1) or no longer is (delta -1): in the totals and its source's.
local function countDuplicate(k, delta)
  redis.call('HINCRBY', totalsKey, 'duplicates', delta)
  countForSource('dup|' .. sourceOf(k), delta)
end

-- Adds (delta 1) or removes (delta -1) k in the postings indexes; it is added only while its
-- summary exists.
local function index(k, r, delta)
  if delta > 0 and redis.call('EXISTS', summaryKeyOf(k)) == 0 then return end
  local member = r.day .. '|' .. k
  local keys = { base .. ':pix:all', base .. ':pix:role:' .. r.role,
    base .. ':pix:source:' .. sourceOf(k) }
  if (r.remote or '') ~= '' then keys[#keys + 1] = base .. ':pix:remote:' .. r.remote end
  if (r.co or '') ~= '' then keys[#keys + 1] = base .. ':pix:company:' .. r.co end
  for entry in string.gmatch(r.skills, '[^|]+') do
    keys[#keys + 1] = base .. ':pix:skill:' .. string.match(entry, '^(.+):[rpm]$')
  end
  for _, indexKey in ipairs(keys) do
    if delta > 0 then
      redis.call('ZADD', indexKey, 0, member)
    else
      redis.call('ZREM', indexKey, member)
    end
  end
end

-- Adds (delta 1) or subtracts (delta -1) one posting's contribution (r: day, role, skills, sal,
-- remote, co) to its day bucket, the salary index and the postings indexes.
local function apply(k, r, delta)
  local day, role, skills = r.day, r.role, r.skills
  local rolesKey = base .. ':day:' .. day .. ':roles'
  local skillsKey = base .. ':day:' .. day .. ':skills'
  local keysKey = base .. ':day:' .. day .. ':keys:' .. role
  if redis.call('HINCRBY', rolesKey, role, delta) <= 0 then
    redis.call('HDEL', rolesKey, role)
  end
  for entry in string.gmatch(skills, '[^|]+') do
    local id, level = string.match(entry, '^(.+):([rpm])$')
    local field = role .. '|' .. id .. '|' .. level
    if redis.call('HINCRBY', skillsKey, field, delta) <= 0 then
      redis.call('HDEL', skillsKey, field)
    end
  end
  if delta > 0 then
    redis.call('SADD', keysKey, k)
    redis.call('ZADD', daysKey, tonumber((string.gsub(day, '-', ''))), day)
    if (r.sal or '') ~= '' then redis.call('ZADD', salaryKey, 0, day .. '|' .. k) end
  else
    redis.call('SREM', keysKey, k)
    redis.call('ZREM', salaryKey, day .. '|' .. k)
    if redis.call('EXISTS', rolesKey) == 0 then
      redis.call('DEL', skillsKey)
      redis.call('ZREM', daysKey, day)
    end
  end
  index(k, r, delta)
  redis.call('HINCRBY', totalsKey, 'postings', delta)
  countForSource('postings|' .. sourceOf(k), delta)
  redis.call('INCR', generationKey)
end

-- Takes k out of its fingerprint group. When k was the one that counts, its contribution is
-- subtracted and the first remaining duplicate (by key) is promoted to count instead.
local function detach(k, r)
  local groupKey = groupKeyOf(r.fp)
  redis.call('SREM', groupKey, k)
  if r.dupOf ~= '' then
    countDuplicate(k, -1)
    return
  end
  apply(k, r, -1)
  local rest = redis.call('SMEMBERS', groupKey)
  if #rest == 0 then
    redis.call('HDEL', ownersKey, r.fp)
    return
  end
  table.sort(rest)
  local heir = rest[1]
  local h = load(heir)
  redis.call('HSET', ownersKey, r.fp, heir)
  redis.call('HSET', recordKeyOf(heir), 'dupOf', '')
  countDuplicate(heir, -1)
  apply(heir, h, 1)
  for i = 2, #rest do
    redis.call('HSET', recordKeyOf(rest[i]), 'dupOf', heir)
  end
end

-- Stores k's record (n: fp, day, seen, role, skills, remote, co, sal) in its fingerprint
-- group: it counts unless another key already does.
local function attach(k, n)
  redis.call('SADD', groupKeyOf(n.fp), k)
  local owner = redis.call('HGET', ownersKey, n.fp)
  local dupOf = ''
  if owner and owner ~= k then dupOf = owner end
  redis.call('HSET', recordKeyOf(k), 'fp', n.fp, 'day', n.day, 'seen', n.seen, 'role', n.role,
    'skills', n.skills, 'dupOf', dupOf, 'remote', n.remote, 'co', n.co, 'sal', n.sal)
  if dupOf ~= '' then
    countDuplicate(k, 1)
    return 'duplicate'
  end
  redis.call('HSET', ownersKey, n.fp, k)
  apply(k, n, 1)
  return 'counted'
end

if op == 'record' then
  local n = { fp = ARGV[4], seen = ARGV[6], role = ARGV[7], skills = ARGV[8],
    remote = ARGV[9] or '', co = ARGV[10] or '', sal = ARGV[11] or '' }
  local postedDay, summary, ttl, seenAt = ARGV[5], ARGV[12] or '', tonumber(ARGV[13] or ''), ARGV[14] or ''
  if redis.call('HDEL', failuresKey, key) == 1 then redis.call('INCR', generationKey) end
  if summary ~= '' then
    if ttl ~= nil and ttl > 0 then
      redis.call('SET', summaryKeyOf(key), summary, 'PX', ttl)
    else
      redis.call('SET', summaryKeyOf(key), summary)
    end
  end
  local r = load(key)
  if r == nil then
    n.day = n.seen
    if postedDay ~= '' then n.day = postedDay end
    local counted = attach(key, n)
    if seenAt ~= '' then redis.call('HSETNX', recKey, 'firstAt', seenAt) end
    if counted == 'duplicate' then return 'duplicate' end
    return 'added'
  end
  if seenAt ~= '' then redis.call('HSETNX', recKey, 'firstAt', seenAt) end
  n.seen = r.seen
  n.day = r.seen
  if postedDay ~= '' then n.day = postedDay end
  if r.fp == n.fp and r.day == n.day and r.role == n.role and r.skills == n.skills
    and (r.remote or '') == n.remote and (r.co or '') == n.co and (r.sal or '') == n.sal then
    -- Back in the postings indexes if its summary had expired and is stored again.
    if r.dupOf == '' and summary ~= '' then index(key, r, 1) end
    return 'unchanged'
  end
  if r.fp == n.fp then
    redis.call('HSET', recKey, 'day', n.day, 'role', n.role, 'skills', n.skills,
      'remote', n.remote, 'co', n.co, 'sal', n.sal)
    if r.dupOf ~= '' then return 'duplicate' end
    apply(key, r, -1)
    apply(key, n, 1)
    return 'replaced'
  end
  detach(key, r)
  if attach(key, n) == 'duplicate' then return 'duplicate' end
  return 'replaced'
elseif op == 'unlist' then
  if redis.call('EXISTS', summaryKeyOf(key)) == 1 then return 'kept' end
  local r = load(key)
  if r ~= nil and r.dupOf == '' then index(key, r, -1) end
  return 'unlisted'
elseif op == 'fail' then
  if redis.call('EXISTS', recKey) == 1 then return 'kept' end
  redis.call('HSET', failuresKey, key, ARGV[4])
  redis.call('INCR', generationKey)
  return 'failed'
elseif op == 'remove' then
  local removedFailure = redis.call('HDEL', failuresKey, key)
  if removedFailure == 1 then redis.call('INCR', generationKey) end
  local r = load(key)
  if r == nil then
    if removedFailure == 1 then return 'removed' end
    return 'absent'
  end
  detach(key, r)
  redis.call('DEL', recKey, summaryKeyOf(key))
  return 'removed'
end
return redis.error_reply('jobsift stats: unknown op ' .. tostring(op))
`;
