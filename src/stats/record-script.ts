/**
 * The one Lua script behind every stats write. Redis runs a script atomically, so a recording is
 * applied whole or not at all, and concurrent workers never interleave inside one.
 *
 * Call: KEYS[1] = the posting record hash; ARGV[1] = base (`${prefix}:stats`), ARGV[2] = op,
 * ARGV[3] = posting key, then per op:
 *   record  fingerprint, datePosted day ('' when absent), seen day, role, skills → added |
 *           unchanged | replaced | duplicate
 *   fail    reason → failed | kept (the key already counts; its last good version stays)
 *   remove  → removed | absent
 *
 * The other keys are derived from the base inside the script (see `keys.ts`): the day buckets
 * and fingerprint groups a recording touches are only known once the stored record is read.
 * That is fine on a single Redis (the setup jobsift uses), not on Redis Cluster.
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

local function recordKeyOf(k) return base .. ':posting:' .. k end
local function groupKeyOf(fp) return base .. ':fp:' .. fp end

local function load(k)
  local flat = redis.call('HGETALL', recordKeyOf(k))
  if #flat == 0 then return nil end
  local r = {}
  for i = 1, #flat, 2 do r[flat[i]] = flat[i + 1] end
  return r
end

-- Adds (delta 1) or subtracts (delta -1) one posting's contribution to its day bucket.
local function apply(k, day, role, skills, delta)
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
  else
    redis.call('SREM', keysKey, k)
    if redis.call('EXISTS', rolesKey) == 0 then
      redis.call('DEL', skillsKey)
      redis.call('ZREM', daysKey, day)
    end
  end
  redis.call('HINCRBY', totalsKey, 'postings', delta)
end

-- Takes k out of its fingerprint group. When k was the one that counts, its contribution is
-- subtracted and the first remaining duplicate (by key) is promoted to count instead.
local function detach(k, r)
  local groupKey = groupKeyOf(r.fp)
  redis.call('SREM', groupKey, k)
  if r.dupOf ~= '' then
    redis.call('HINCRBY', totalsKey, 'duplicates', -1)
    return
  end
  apply(k, r.day, r.role, r.skills, -1)
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
  redis.call('HINCRBY', totalsKey, 'duplicates', -1)
  apply(heir, h.day, h.role, h.skills, 1)
  for i = 2, #rest do
    redis.call('HSET', recordKeyOf(rest[i]), 'dupOf', heir)
  end
end

-- Stores k's record in its fingerprint group: it counts unless another key already does.
local function attach(k, fp, day, seen, role, skills)
  redis.call('SADD', groupKeyOf(fp), k)
  local owner = redis.call('HGET', ownersKey, fp)
  local dupOf = ''
  if owner and owner ~= k then dupOf = owner end
  redis.call('HSET', recordKeyOf(k), 'fp', fp, 'day', day, 'seen', seen, 'role', role,
    'skills', skills, 'dupOf', dupOf)
  if dupOf ~= '' then
    redis.call('HINCRBY', totalsKey, 'duplicates', 1)
    return 'duplicate'
  end
  redis.call('HSET', ownersKey, fp, k)
  apply(k, day, role, skills, 1)
  return 'counted'
end

if op == 'record' then
  local fp, postedDay, seenDay, role, skills = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
  redis.call('HDEL', failuresKey, key)
  local r = load(key)
  if r == nil then
    local day = seenDay
    if postedDay ~= '' then day = postedDay end
    if attach(key, fp, day, seenDay, role, skills) == 'duplicate' then return 'duplicate' end
    return 'added'
  end
  local day = r.seen
  if postedDay ~= '' then day = postedDay end
  if r.fp == fp and r.day == day and r.role == role and r.skills == skills then
    return 'unchanged'
  end
  if r.fp == fp then
    redis.call('HSET', recKey, 'day', day, 'role', role, 'skills', skills)
    if r.dupOf ~= '' then return 'duplicate' end
    apply(key, r.day, r.role, r.skills, -1)
    apply(key, day, role, skills, 1)
    return 'replaced'
  end
  detach(key, r)
  if attach(key, fp, day, r.seen, role, skills) == 'duplicate' then return 'duplicate' end
  return 'replaced'
elseif op == 'fail' then
  if redis.call('EXISTS', recKey) == 1 then return 'kept' end
  redis.call('HSET', failuresKey, key, ARGV[4])
  return 'failed'
elseif op == 'remove' then
  local removedFailure = redis.call('HDEL', failuresKey, key)
  local r = load(key)
  if r == nil then
    if removedFailure == 1 then return 'removed' end
    return 'absent'
  end
  detach(key, r)
  redis.call('DEL', recKey)
  return 'removed'
end
return redis.error_reply('jobsift stats: unknown op ' .. tostring(op))
`;
