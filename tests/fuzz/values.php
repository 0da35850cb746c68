<?php

/*
 * The values of the fuzz test: generation, building and the model of what
 * Pogo must do with them. Required by tests/fuzz/fuzz.php (the caller side)
 * and by tests/fuzz/jobs.php (the worker side, where FuzzBuild builds a case's
 * value as a job's result).
 *
 * A value is first described as a tree of nodes (see gen_value()), from which
 * build() makes the PHP value and expectation() tells what Pogo must do with
 * it, following the README and json_codec.c.
 */

declare(strict_types=1);

const MAX_DEPTH = 512;
const PATH_SHOWN = 160;

final class FuzzJson implements JsonSerializable
{
    public function __construct(private mixed $v)
    {
    }

    public function jsonSerialize(): mixed
    {
        return $this->v;
    }
}

final class FuzzJsonThrows implements JsonSerializable
{
    public function jsonSerialize(): mixed
    {
        throw new LogicException('fuzz: jsonSerialize() refused', 77);
    }
}

enum FuzzInt: int
{
    case Zero = 0;
    case Neg = -7;
    case Max = 9223372036854775807;
    case Min = -9223372036854775807 - 1;
}

enum FuzzString: string
{
    case Empty = '';
    case Unicode = 'ünï 🐘';
    case Quote = "q\"\\/'";
    case Nul = "a\0b";
    case Numeric = '123';
}

enum FuzzUnit
{
    case One;
}

class FuzzPlain
{
    public int $x = 1;
}

class FuzzStdChild extends stdClass
{
}

/** The first thing Pogo must refuse, found by model(). */
final class Refusal extends Exception
{
    public function __construct(public readonly string $kind, string $message)
    {
        parent::__construct($message);
    }
}

// ---- random helpers ------------------------------------------------------

function chance(int $perThousand): bool
{
    return mt_rand(1, 1000) <= $perThousand;
}

function pick(array $a): mixed
{
    return $a[mt_rand(0, count($a) - 1)];
}

function rand64(): int
{
    return (mt_rand(0, 0xFFFFFFFF) << 32) | mt_rand(0, 0xFFFFFFFF);
}

/** The key PHP makes of $k in an array ("12" becomes 12). */
function norm_key(int|string $k): int|string
{
    return array_key_first([$k => 0]);
}

function utf8_ok(string $s): bool
{
    return preg_match('//u', $s) === 1;
}

// ---- generation ----------------------------------------------------------

const INTS = [0, 1, -1, 2, 42, -42, 255, 256, 65535, 2147483647, -2147483648, 4294967296, 9007199254740992,
    9007199254740993, -9007199254740993, PHP_INT_MAX, PHP_INT_MIN, PHP_INT_MAX - 1, PHP_INT_MIN + 1];

function gen_float(): float
{
    static $specials = null;
    $specials ??= [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, -2.5, 1 / 3, 0.1 + 0.2, 100.0, 1e-7, 123.456,
        1e308, -1e308, PHP_FLOAT_MAX, -PHP_FLOAT_MAX, PHP_FLOAT_MIN, -PHP_FLOAT_MIN, PHP_FLOAT_EPSILON,
        5e-324, -5e-324, 1e-310, 2.225073858507201e-308, 4.9406564584124654e-324, 1e15, 1e16, 1e21,
        1e22, 1e23, 9007199254740993.0, 2.0 ** 53, 2.0 ** 63, -(2.0 ** 63), 2.0 ** 64, 1.5e300,
        123456789012345678.0, 0.1 + 0.7, 3.0e-5, -0.000001];
    switch (mt_rand(0, 3)) {
        case 0:
            return pick($specials);
        case 1: // any finite double, bit pattern at random
            do {
                $f = unpack('E', pack('NN', mt_rand(0, 0xFFFFFFFF), mt_rand(0, 0xFFFFFFFF)))[1];
            } while (!is_finite($f));
            return $f;
        case 2:
            return (float) mt_rand(-1000000, 1000000);
        default:
            return mt_rand() / mt_getrandmax() * (10 ** mt_rand(-20, 20)) * (mt_rand(0, 1) ? 1 : -1);
    }
}

const PIECES = ['a', 'hello', 'Pogo', ' ', '0', '1e3', '-0', '0x1A', ' 42', '1.0', 'null', 'true',
    'é', 'ünïcödé', '日本語', 'ключ', '🐘', '🚀✨', "e\u{301}", "\u{2028}\u{2029}", "\u{FEFF}", "\u{FFFF}",
    "\u{10FFFF}", "\u{7F}", "\0", "a\0b", "\x01\x1f", "\t\n\r", '"', '\\', '/', '</script>', "'", '\u0041',
    '%s', '{"json":1}', '[]'];
const INVALID_UTF8 = ["\xff", "\xfe\xff", "\xc3", "\xc3(", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf",
    "\xf4\x90\x80\x80", "\x80", "\xf8\x88\x80\x80\x80", "abc\xe9", "\xf0\x9f\x90"];

function gen_string(): string
{
    if (chance(100)) {
        return '';
    }
    $s = '';
    for ($n = mt_rand(1, 5); $n > 0; $n--) {
        $s .= mt_rand(0, 2) ? pick(PIECES) : chr(mt_rand(0x20, 0x7e)) . chr(mt_rand(0x20, 0x7e));
    }
    if (chance(12)) {
        $bad = pick(INVALID_UTF8);
        $at = mt_rand(0, strlen($s));
        // Insert between whole characters of the valid part.
        while ($at > 0 && $at < strlen($s) && (ord($s[$at]) & 0xC0) === 0x80) {
            $at--;
        }
        $s = substr($s, 0, $at) . $bad . substr($s, $at);
    }
    return $s;
}

const KEYS = ['a', 'b', 'key', 'id', 'name', 'value', 'ünï', 'ключ', 'キー', '🐘', "with'quote", 'back\\slash',
    "ctl\x01\x1f", "tab\t", "mid\0nul", '123', '-5', '-0', '01', '1.5', ' 7', '7 ', '0x10', '1e2',
    '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
    'd', '->x', "['x']", '[0]', '$args', '...'];

function gen_key(bool $dynamicProperty): int|string
{
    $roll = mt_rand(1, 1000);
    if ($roll <= 5) {
        return 'bad' . pick(INVALID_UTF8) . 'key';
    }
    if ($roll <= 25) {
        return pick(['', 'a', 'ab', 'abc']) . str_repeat(pick(['k', 'ü', '🐘', "'", '日本']), mt_rand(20, 70));
    }
    if ($roll <= 40 && !$dynamicProperty) {
        return pick(['', "\0lead", "\0"]);
    }
    if ($roll <= 200) {
        return pick(INTS);
    }
    if ($roll <= 300) {
        return chr(mt_rand(0x61, 0x7a)) . mt_rand(0, 99);
    }
    return pick(KEYS);
}

/** A list of [key, node] with distinct keys. */
function gen_items(int $lvl, int &$budget, bool $props, bool $dynamic = false): array
{
    if ($lvl <= 3 && chance(1)) {
        // Wide: many scalars.
        $items = [];
        $assoc = $props || mt_rand(0, 1);
        for ($i = 0, $n = mt_rand(1000, 10000); $i < $n; $i++) {
            $items[] = [$assoc ? "k$i" : $i, pick([['int', $i], ['string', "s$i"], ['float', $i + 0.5], ['null']])];
        }
        return $items;
    }
    $n = chance(150) ? 0 : (chance(900) ? mt_rand(1, 6) : mt_rand(7, 30));
    $shape = $props ? 'assoc' : pick(['list', 'list', 'assoc', 'assoc', 'ints', 'mixed']);
    $items = [];
    $used = [];
    for ($i = 0; $i < $n && $budget > 0; $i++) {
        $k = match ($shape) {
            'list' => $i,
            'ints' => mt_rand(0, 2) ? mt_rand(-5, 40) : pick(INTS),
            'assoc' => gen_key($dynamic),
            'mixed' => mt_rand(0, 1) ? mt_rand(0, 9) : gen_key(false),
        };
        $k = norm_key($k);
        if ($dynamic && ($k === '' || str_starts_with((string) $k, "\0"))) {
            continue; // a dynamic property cannot have such a name
        }
        if (isset($used[$k])) {
            continue;
        }
        $used[$k] = true;
        if ($i > 0 && chance(40)) {
            $j = mt_rand(0, count($items) - 1);
            if (!in_array($items[$j][1][0], ['ref', 'dup', 'gone'], true)) {
                $items[] = [$k, ['dup', $j]];
                continue;
            }
        }
        $items[] = [$k, gen_value($lvl, $budget)];
    }
    if ($items && chance(50)) {
        // Holes: elements unset once built.
        for ($m = mt_rand(1, count($items)); $m > 0; $m--) {
            $j = mt_rand(0, count($items) - 1);
            if ($items[$j][1][0] !== 'gone') {
                $items[$j][1] = ['gone', $items[$j][1]];
            }
        }
    }
    return $items;
}

function fresh_key(array $items, int|string $want): int|string
{
    $keys = array_column($items, 0);
    while (in_array($want, $keys, true)) {
        $want = is_int($want) ? $want + 1 : $want . '_';
    }
    return $want;
}

/**
 * A node: [type, ...]. Types: null, bool, int, float, string, long (a long
 * string), inf (INF/NAN), array, obj (stdClass), js (JsonSerializable), jsthrow,
 * enum, unit (non-backed enum), bad (an unsupported object or resource), ref (a
 * PHP reference to a value), dup (the same value as an earlier sibling), gone
 * (an element unset once built),
 * recarr/recobj (an array/object holding itself), deep (nesting).
 */
function gen_value(int $lvl, int &$budget): array
{
    $budget--;
    $containers = $budget > 0 && $lvl < 7;
    $roll = mt_rand(1, 1000);
    if ($roll <= 3) {
        return ['bad', pick(['closure', 'generator', 'resource', 'closed', 'DateTime', 'DateTimeImmutable',
            'ArrayObject', 'FuzzPlain', 'FuzzStdChild', 'anonymous'])];
    }
    if ($roll <= 5) {
        return ['inf', pick([INF, -INF, NAN])];
    }
    if ($roll <= 6) {
        return ['unit'];
    }
    if ($roll <= 7) {
        return ['jsthrow'];
    }
    if ($roll <= 9 && $containers) {
        $obj = (bool) mt_rand(0, 1);
        $items = gen_items($lvl + 1, $budget, $obj, $obj);
        return [$obj ? 'recobj' : 'recarr', $items, fresh_key($items, $obj ? 'self' : pick(['self', 0, 99]))];
    }
    if ($containers && $roll <= 220) {
        return ['array', gen_items($lvl + 1, $budget, false)];
    }
    if ($containers && $roll <= 300) {
        $cast = mt_rand(0, 2) === 0;
        return ['obj', gen_items($lvl + 1, $budget, true, !$cast), $cast];
    }
    if ($containers && $roll <= 340) {
        return ['js', gen_value($lvl + 1, $budget)];
    }
    if ($containers && $roll <= 355) {
        return ['ref', gen_value($lvl, $budget)];
    }
    if ($roll <= 385) {
        return ['enum', pick(['FuzzInt::Zero', 'FuzzInt::Neg', 'FuzzInt::Max', 'FuzzInt::Min', 'FuzzString::Empty',
            'FuzzString::Unicode', 'FuzzString::Quote', 'FuzzString::Nul', 'FuzzString::Numeric'])];
    }
    $s = mt_rand(1, 100);
    return match (true) {
        $s <= 6 => ['null'],
        $s <= 12 => ['bool', (bool) mt_rand(0, 1)],
        $s <= 37 => ['int', mt_rand(0, 2) ? pick(INTS) : (mt_rand(0, 1) ? rand64() : mt_rand(-1000, 1000))],
        $s <= 65 => ['float', gen_float()],
        default => ['string', gen_string()],
    };
}

/** Everything a case is made of, from its own seed. */
function gen_case(int $caseSeed): array
{
    mt_srand($caseSeed);
    $budget = chance(100) ? mt_rand(50, 300) : mt_rand(1, 40);
    $items = gen_items(1, $budget, false);
    if (chance(30)) {
        // Nesting around json_encode's limit of 512 levels ($args being the first).
        $levels = chance(200) ? 600 : mt_rand(505, 515);
        $leaf = pick([['int', 1], ['array', []], ['obj', [], false], ['string', 'leaf'],
            ['array', [[0, ['string', "bad\xff"]]]], ['js', ['array', [['x', ['null']]]]]]);
        $wraps = '';
        for ($i = 0; $i < $levels; $i++) {
            $wraps .= pick(['l', 'l', 'a', 'o']);
        }
        $items[] = [fresh_key($items, 'deep'), ['deep', $wraps, $leaf]];
    }
    if (chance(4)) {
        // A long string, up to 16 MB.
        $chunk = pick(['0123456789abcdef', "ünïcödé 🐘 \"q\" \\ /\n", 'x']);
        $bytes = pick([1 << 16, 1 << 20, mt_rand(1, 16) << 20, 16 << 20]);
        $items[] = [fresh_key($items, 'long'), ['long', $chunk, intdiv($bytes, strlen($chunk))]];
    }
    $root = ['array', $items];
    $t = mt_rand(1, 100);
    $j = mt_rand(1, 100);
    return [
        'root' => $root,
        // FuzzEcho returns the value dispatched; FuzzBuild builds it in the
        // worker from the case's seed and returns it (the result's encoding).
        'class' => $j <= 15 ? 'FuzzEchoSlow' : ($j <= 40 ? 'FuzzBuild' : 'FuzzEcho'),
        'pool' => mt_rand(1, 100) <= 30 ? 'fuzz_php' : 'fuzz',
        'timeout' => match (true) {
            $t <= 33 => 60.0,
            $t <= 35 => 1e12, // more than 1e9: no limit
            $t <= 45 => INF,
            $t <= 70 => 0.0,
            $t <= 72 => 1e-12,
            default => mt_rand(1, 3000) / 1e6,
        },
    ];
}

// ---- building the PHP value ----------------------------------------------

function build_bad(string $kind): mixed
{
    switch ($kind) {
        case 'closure':
            return fn () => 1;
        case 'generator':
            return (function () {
                yield 1;
            })();
        case 'resource':
            return fopen('php://memory', 'r');
        case 'closed':
            $f = fopen('php://memory', 'r');
            fclose($f);
            return $f;
        case 'anonymous':
            return new class () {
            };
        default:
            return new $kind();
    }
}

/** The node an item is made of: a 'dup' is its earlier sibling's, a 'gone' is built then unset. */
function item_node(array $items, array $node): array
{
    if ($node[0] === 'dup') {
        $node = $items[$node[1]][1];
    }
    return $node[0] === 'gone' ? $node[1] : $node;
}

function build_items(array $items): array
{
    $a = [];
    $gone = [];
    foreach ($items as [$k, $node]) {
        if ($node[0] === 'gone') {
            $gone[] = $k;
            $node = $node[1];
        }
        if ($node[0] === 'ref') {
            $tmp = build($node[1]);
            $a[$k] = &$tmp;
            unset($tmp);
        } elseif ($node[0] === 'dup') {
            $a[$k] = $a[$items[$node[1]][0]];
        } else {
            $a[$k] = build($node);
        }
    }
    foreach ($gone as $k) {
        unset($a[$k]);
    }
    return $a;
}

function build_object(array $items, bool $cast): stdClass
{
    if ($cast) {
        return (object) build_items($items);
    }
    $o = new stdClass();
    $gone = [];
    foreach ($items as [$k, $node]) {
        $k = (string) $k;
        if ($node[0] === 'gone') {
            $gone[] = $k;
            $node = $node[1];
        }
        if ($node[0] === 'ref') {
            $tmp = build($node[1]);
            $o->$k = &$tmp;
            unset($tmp);
        } elseif ($node[0] === 'dup') {
            $o->$k = $o->{(string) $items[$node[1]][0]};
        } else {
            $o->$k = build($node);
        }
    }
    foreach ($gone as $k) {
        unset($o->$k);
    }
    return $o;
}

function build(array $n): mixed
{
    switch ($n[0]) {
        case 'null':
            return null;
        case 'bool':
        case 'int':
        case 'float':
        case 'string':
        case 'inf':
            return $n[1];
        case 'long':
            return str_repeat($n[1], $n[2]);
        case 'array':
            return build_items($n[1]);
        case 'obj':
            return build_object($n[1], $n[2]);
        case 'js':
            return new FuzzJson(build($n[1]));
        case 'jsthrow':
            return new FuzzJsonThrows();
        case 'enum':
            return constant($n[1]);
        case 'unit':
            return FuzzUnit::One;
        case 'bad':
            return build_bad($n[1]);
        case 'ref':
            return build($n[1]);
        case 'recarr':
            $a = build_items($n[1]);
            $a[$n[2]] = &$a;
            return $a;
        case 'recobj':
            $o = build_object($n[1], false);
            $o->{(string) $n[2]} = $o;
            return $o;
        case 'deep':
            $v = build($n[2]);
            for ($i = strlen($n[1]) - 1; $i >= 0; $i--) {
                if ($n[1][$i] === 'l') {
                    $v = [$v];
                } elseif ($n[1][$i] === 'a') {
                    $v = ['d' => $v];
                } else {
                    $o = new stdClass();
                    $o->d = $v;
                    $v = $o;
                }
            }
            return $v;
    }
    throw new LogicException("unknown node type $n[0]");
}

// ---- the model: what Pogo must do with a value ----------------------------

final class Walk
{
    public int $inJson = 0;          // inside what a jsonSerialize() returned
    public ?string $utf8First = null; // path of the first invalid UTF-8 string outside those
    public bool $utf8InJson = false;
}

/**
 * A key as Pogo's messages show it: integers signed; a string key's control
 * bytes (and all bytes >= 0x80 of a key that is not valid UTF-8) as \xNN,
 * quotes and backslashes escaped in [''], at most its first 64 bytes, cut
 * at a character boundary, then "...".
 */
function path_key(int|string $key, bool $property): string
{
    if (is_int($key)) {
        return $property ? "->$key" : "[$key]";
    }
    $printable = utf8_ok($key);
    $shown = '';
    $n = min(strlen($key), 64);
    while ($printable && $n > 0 && $n < strlen($key) && (ord($key[$n]) & 0xC0) === 0x80) {
        $n--; // not in the middle of a character
    }
    for ($i = 0; $i < $n; $i++) {
        $c = ord($key[$i]);
        if ($c < 0x20 || $c === 0x7F || (!$printable && $c >= 0x80)) {
            $shown .= sprintf('\\x%02X', $c);
        } elseif (!$property && ($key[$i] === "'" || $key[$i] === '\\')) {
            $shown .= '\\' . $key[$i];
        } else {
            $shown .= $key[$i];
        }
    }
    if ($n < strlen($key)) {
        $shown .= '...';
    }
    return $property ? "->$shown" : "['$shown']";
}

/**
 * Refuses the value at $path. A path longer than 160 bytes is shown as "..."
 * and its last 160 bytes at most, from a character boundary.
 */
function refuse(string $path, string $what): never
{
    $shown = $path;
    if (strlen($path) > PATH_SHOWN) {
        $from = strlen($path) - PATH_SHOWN;
        while ((ord($path[$from]) & 0xC0) === 0x80) {
            $from++;
        }
        $shown = '...' . substr($path, $from);
    }
    throw new Refusal('ValueError', "$shown $what");
}

function model_table(array $items, string $path, int $depth, bool $property, Walk $w, int|string|null $selfKey = null): array
{
    if ($depth > MAX_DEPTH) {
        refuse($path, 'nests deeper than 512 levels');
    }
    $out = [];
    foreach ($items as [$k, $node]) {
        if ($property && is_string($k) && $k !== '' && $k[0] === "\0") {
            continue; // a mangled (non-public) name: neither walked nor encoded
        }
        if ($node[0] === 'gone') {
            continue; // unset
        }
        $p = $path . path_key($property ? (string) $k : $k, $property);
        if (is_string($k) && !utf8_ok($k)) {
            refuse($p, 'has a key that is not valid UTF-8');
        }
        $out[$k] = model(item_node($items, $node), $p, $depth, $w);
    }
    if ($selfKey !== null) {
        $p = $path . path_key($property ? (string) $selfKey : $selfKey, $property);
        if (!$property && $depth + 1 > MAX_DEPTH) {
            refuse($p, 'nests deeper than 512 levels');
        }
        refuse($p, 'is a recursive reference');
    }
    return $out;
}

function model(array $n, string $path, int $depth, Walk $w): mixed
{
    switch ($n[0]) {
        case 'null':
            return null;
        case 'bool':
        case 'int':
        case 'float':
            return $n[1];
        case 'string':
        case 'long':
            $s = $n[0] === 'long' ? str_repeat($n[1], $n[2]) : $n[1];
            if (!utf8_ok($s)) {
                if ($w->inJson) {
                    $w->utf8InJson = true;
                } else {
                    $w->utf8First ??= $path;
                }
            }
            return $s;
        case 'inf':
            refuse($path, is_nan($n[1]) ? 'is NAN (JSON has no NAN)' : 'is INF (JSON has no INF)');
        case 'array':
            return model_table($n[1], $path, $depth + 1, false, $w);
        case 'obj':
            return model_table($n[1], $path, $depth + 1, true, $w);
        case 'recarr':
            return model_table($n[1], $path, $depth + 1, false, $w, $n[2]);
        case 'recobj':
            return model_table($n[1], $path, $depth + 1, true, $w, $n[2]);
        case 'js':
            $w->inJson++;
            $v = model($n[1], $path, $depth, $w);
            $w->inJson--;
            return $v;
        case 'jsthrow':
            throw new Refusal('LogicException', 'fuzz: jsonSerialize() refused');
        case 'enum':
            return constant($n[1])->value;
        case 'unit':
            refuse($path, 'is a case of the non-backed enum FuzzUnit');
        case 'bad':
            refuse($path, match ($n[1]) {
                'closure' => 'is a Closure',
                'generator' => 'is a Generator',
                'resource', 'closed' => 'is a resource',
                'anonymous' => 'is an object of class class@anonymous (only stdClass, JsonSerializable and backed enums are allowed)',
                default => "is an object of class {$n[1]} (only stdClass, JsonSerializable and backed enums are allowed)",
            });
        case 'ref':
            return model($n[1], $path, $depth, $w);
        case 'deep':
            $wraps = $n[1];
            for ($i = 0; $i < strlen($wraps); $i++) {
                if ($depth + 1 + $i > MAX_DEPTH) {
                    refuse($path, 'nests deeper than 512 levels');
                }
                $path .= $wraps[$i] === 'l' ? '[0]' : ($wraps[$i] === 'a' ? "['d']" : '->d');
            }
            $v = model($n[2], $path, $depth + strlen($wraps), $w);
            for ($i = strlen($wraps) - 1; $i >= 0; $i--) {
                $v = $wraps[$i] === 'l' ? [$v] : ['d' => $v];
            }
            return $v;
    }
    throw new LogicException("unknown node type $n[0]");
}

/**
 * What encoding the value as $root ($args or $result) must give:
 * ['value', what comes back], ['refused', "PATH REASON"] or
 * ['LogicException', the message a jsonSerialize() threw].
 */
function expectation(array $node, string $root): array
{
    $w = new Walk();
    try {
        $v = model($node, $root, 0, $w);
    } catch (Refusal $r) {
        return [$r->kind === 'ValueError' ? 'refused' : $r->kind, $r->getMessage()];
    }
    if ($w->utf8First !== null) {
        try {
            refuse($w->utf8First, 'is a string that is not valid UTF-8');
        } catch (Refusal $r) {
            return ['refused', $r->getMessage()];
        }
    }
    if ($w->utf8InJson) {
        return ['refused', "$root holds a string that is not valid UTF-8"];
    }
    return ['value', $v];
}

// ---- comparison and display ----------------------------------------------

/** Null when $got is $want exactly (types, keys, order, float bits), else where they differ. */
function difference(mixed $want, mixed $got, string $path = '$result'): ?string
{
    if (is_array($want) && is_array($got)) {
        if (array_keys($want) !== array_keys($got)) {
            return "$path: keys " . show(array_keys($got), 300) . ', expected ' . show(array_keys($want), 300);
        }
        foreach ($want as $k => $v) {
            if (($d = difference($v, $got[$k], $path . (is_int($k) ? "[$k]" : '[' . var_export($k, true) . ']'))) !== null) {
                return $d;
            }
        }
        return null;
    }
    if (is_float($want) && is_float($got)) {
        return pack('E', $want) === pack('E', $got) ? null
            : "$path: " . var_export($got, true) . ', expected ' . var_export($want, true) . ' (bits differ)';
    }
    return $want === $got ? null : "$path: " . show($got, 300) . ', expected ' . show($want, 300);
}

function show(mixed $v, int $max = 2000, int $depth = 0): string
{
    if ($depth > 8) {
        return '…';
    }
    if (is_array($v) || is_object($v)) {
        $s = is_array($v) ? '[' : (get_class($v) === 'stdClass' ? '{' : get_class($v) . '{');
        if (is_object($v) && !($v instanceof stdClass)) {
            $s = strstr(get_class($v), "\0", true) ?: get_class($v);
            return $s . ($v instanceof FuzzJson ? '(' . show($v->jsonSerialize(), $max, $depth + 1) . ')' : '');
        }
        $parts = [];
        foreach ((array) $v as $k => $x) {
            $parts[] = var_export($k, true) . '=>' . show($x, $max, $depth + 1);
            if (strlen(implode(',', $parts)) > $max) {
                break;
            }
        }
        $s .= implode(',', $parts) . (is_array($v) ? ']' : '}');
    } elseif (is_string($v) && strlen($v) > 200) {
        $s = 'string(' . strlen($v) . ') ' . var_export(substr($v, 0, 40), true) . '...';
    } elseif (is_resource($v) || gettype($v) === 'resource (closed)') {
        $s = gettype($v);
    } else {
        $s = str_replace("\n", '', var_export($v, true));
    }
    return strlen($s) > $max ? substr($s, 0, $max) . '...' : $s;
}
