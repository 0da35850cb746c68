<?php

/*
 * Pogo fuzz test: random nested PHP values through echo jobs, awaited with
 * random timeouts. Run by tools/fuzz.sh, which configures the pools:
 *
 *   fuzz       bootstrap tests/fuzz/jobs.php, the built-in worker
 *   fuzz_php   bootstrap tests/fuzz/jobs.php, worker/pogo-worker.php
 *
 *   php fuzz.php SEED COUNT [CASE]
 *
 * mt_srand(SEED) gives each case its own seed, from which the case draws its
 * value, job class, pool and timeout: a case is the same whatever the others
 * do. With CASE, only that case runs, and its value is printed.
 *
 * A case's value (tests/fuzz/values.php) goes one of two ways:
 *   - as $args of FuzzEcho or FuzzEchoSlow (2 ms), which return it;
 *   - built in the worker by FuzzBuild from the case's seed and returned.
 * What must happen, following the README and value_codec.c:
 *   - the value back, with objects as arrays (stdClass → its properties,
 *     JsonSerializable → what jsonSerialize() returns, backed enum → its
 *     value), floats bit for bit (-0.0 too), integer keys and order kept;
 *     and the same, value by value, as json_decode(json_encode($value), true)
 *     gives in the request (the ext/json path values crossed by before the
 *     binary transfer form: both must agree on everything Pogo accepts);
 *   - or, for a value that is not JSON-compatible, ValueError
 *     "pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: PATH
 *     REASON" (as $args), or Pogo\JobException "the result of
 *     FuzzBuild::handle() is not JSON-encodable: PATH REASON" (as a result).
 *     PATH is the first bad value in the order of a depth-first walk; a
 *     string that is not valid UTF-8 is looked for only once nothing else is
 *     wrong, and one inside what a jsonSerialize() returned is reported at
 *     the root ($args or $result);
 *   - or the exception a jsonSerialize() threw: unchanged from
 *     pogo_dispatch(), as a JobException with its message, code and class
 *     from a result.
 * An await whose timeout is 0 or tiny may throw Pogo\TimeoutException; the
 * handle is then awaited again and must give the outcome. Anything else
 * fails, naming the seed and the case. The last line is "N passed, N failed"
 * (cases).
 */

declare(strict_types=1);

require __DIR__ . '/values.php';

const AWAIT_LIMIT = 60.0;
const VALUE_ERROR = 'pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: ';
const NOT_ENCODABLE = 'the result of FuzzBuild::handle() is not JSON-encodable: ';
const REASONS = ['is NAN', 'is INF', 'is a Closure', 'is a Generator', 'is a resource',
    'is a case of the non-backed enum', 'is an object of class', 'is a recursive reference',
    'is a string that is not valid UTF-8', 'holds a string that is not valid UTF-8',
    'has a key that is not valid UTF-8', 'nests deeper than 512 levels'];

$seed = (int) ($argv[1] ?? 1);
$count = (int) ($argv[2] ?? 2000);
$only = isset($argv[3]) ? (int) $argv[3] : null;

try {
    pogo_pool_size('fuzz');
    pogo_pool_size('fuzz_php');
} catch (Pogo\PoolException $e) {
    fwrite(STDERR, "fuzz: {$e->getMessage()}; run through tools/fuzz.sh, which configures the pools\n");
    exit(2);
}

mt_srand($seed);
$caseSeeds = [];
for ($i = 1; $i <= $count; $i++) {
    $caseSeeds[$i] = mt_rand();
}

$outcomes = array_fill_keys(['value', 'value, also as ext/json gives it', 'value after TimeoutException', 'ValueError', 'exception from jsonSerialize()',
    'JobException: result not encodable', 'JobException: jsonSerialize() threw'], 0);
$reasons = [];
$passed = $failed = 0;
$start = hrtime(true);

/** $s with each byte that is not part of a valid UTF-8 character shown as \xNN. */
function printable(string $s): string
{
    return preg_replace_callback('/([\x00-\x7F]|[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]'
        . '|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}'
        . '|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2})|(.)/s',
        fn ($m) => isset($m[2]) ? sprintf('\\x%02X', ord($m[2])) : $m[1], $s);
}

function case_failed(int $case, string $why): void
{
    global $failed, $seed, $count, $caseSeeds;
    $failed++;
    if ($failed <= 20) {
        $c = gen_case($caseSeeds[$case]);
        echo "FAIL case #$case (seed $seed, case seed {$caseSeeds[$case]}; alone: fuzz.php $seed $count $case): ",
            "{$c['class']} on {$c['pool']}: ", printable($why), "\n";
        echo '  value: ', printable(show(build($c['root']), 1500)), "\n";
    }
}

function count_reason(string $message): void
{
    global $reasons;
    $reason = 'other';
    foreach (REASONS as $r) {
        if (str_contains($message, " $r")) {
            $reason = $r;
        }
    }
    $reasons[$reason] = ($reasons[$reason] ?? 0) + 1;
}

function describe(Throwable $e): string
{
    $s = get_class($e) . '(' . $e->getCode() . '): ' . $e->getMessage();
    return $e instanceof Pogo\JobException ? "$s [remoteClass {$e->remoteClass}]" : $s;
}

/**
 * What ext/json makes of $v, with the flags Pogo's JSON path used:
 * ['ok', json_decode(json_encode($v), true)] or ['error', why].
 */
function json_path(mixed $v): array
{
    try {
        $text = json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
            | JSON_THROW_ON_ERROR, 600);
        return ['ok', json_decode($text, true, 600, JSON_THROW_ON_ERROR)];
    } catch (Throwable $e) {
        return ['error', get_class($e) . ': ' . $e->getMessage()];
    }
}

/** Checks an await's outcome against the case's expectation; true if right. */
function check_outcome(array $c, mixed $got, ?Throwable $e): bool
{
    global $outcomes;
    [$kind, $want] = $c['expect'];
    if ($kind === 'value') {
        if ($e) {
            case_failed($c['case'], 'pogo_await() threw ' . describe($e) . '; expected the value back');
            return false;
        }
        if (($diff = difference($want, $got)) !== null) {
            case_failed($c['case'], "wrong value back: $diff");
            return false;
        }
        [$jsonKind, $json] = $c['json'];
        if ($jsonKind !== 'ok') {
            case_failed($c['case'], "Pogo took the value, json_encode()/json_decode() refused it: $json");
            return false;
        }
        if (($diff = difference($json, $got)) !== null) {
            case_failed($c['case'], "the value back differs from json_decode(json_encode()): $diff");
            return false;
        }
        $outcomes['value, also as ext/json gives it']++;
        return true;
    }
    // Only a FuzzBuild result can be refused once dispatched.
    $message = $kind === 'refused' ? NOT_ENCODABLE . $want : $want;
    if ($e && get_class($e) === 'Pogo\JobException' && $e->getMessage() === $message
        && $e->getCode() === ($kind === 'refused' ? 0 : 77)
        && $e->remoteClass === ($kind === 'refused' ? '' : 'LogicException')) {
        if ($kind === 'refused') {
            $outcomes['JobException: result not encodable']++;
            count_reason($want);
        } else {
            $outcomes['JobException: jsonSerialize() threw']++;
        }
        return true;
    }
    case_failed($c['case'], 'pogo_await() ' . ($e ? 'threw ' . describe($e) : 'returned ' . show($got, 300))
        . "; expected Pogo\\JobException: $message");
    return false;
}

printf("fuzz: seed %d, %d cases%s\n", $seed, $count, $only ? ", only case #$only" : '');
$cases = $only ? [$only] : range(1, $count);
$batch = [];
$progress = getenv('FUZZ_PROGRESS') ?: null; // where the case being run is noted, for a crash report
foreach ($cases as $pos => $case) {
    if ($progress && !$batch) {
        file_put_contents($progress, "$case\n");
    }
    $c = gen_case($caseSeeds[$case]);
    $c['case'] = $case;
    $asResult = $c['class'] === 'FuzzBuild';
    $c['expect'] = expectation($c['root'], $asResult ? '$result' : '$args');
    $value = $asResult ? ['seed' => $caseSeeds[$case]] : build($c['root']);
    if ($c['expect'][0] === 'value') {
        $c['json'] = json_path($asResult ? build($c['root']) : $value);
    }
    if ($only) {
        echo "case #$case: {$c['class']} on pool {$c['pool']}, timeout {$c['timeout']}\n";
        echo '  value: ', show($asResult ? build($c['root']) : $value, 100000), "\n";
        echo "  expected: {$c['expect'][0]} ", $c['expect'][0] === 'value' ? show($c['expect'][1], 100000) : $c['expect'][1], "\n";
    }
    try {
        $c['h'] = pogo_dispatch($c['class'], $value, $c['pool']);
        if ($asResult || $c['expect'][0] === 'value') {
            $batch[] = $c;
        } else {
            case_failed($case, "dispatched as handle {$c['h']}; expected "
                . ($c['expect'][0] === 'refused' ? 'ValueError: ' . VALUE_ERROR : 'LogicException: ') . $c['expect'][1]);
            try {
                pogo_await($c['h'], AWAIT_LIMIT);
            } catch (Throwable) {
            }
        }
    } catch (Throwable $e) {
        [$kind, $want] = $c['expect'];
        if ($kind === 'refused' && get_class($e) === 'ValueError' && $e->getMessage() === VALUE_ERROR . $want) {
            $passed++;
            $outcomes['ValueError']++;
            count_reason($want);
        } elseif ($kind === 'LogicException' && get_class($e) === 'LogicException' && $e->getMessage() === $want
            && $e->getCode() === 77) {
            $passed++;
            $outcomes['exception from jsonSerialize()']++;
        } else {
            case_failed($case, 'pogo_dispatch() threw ' . describe($e) . '; expected '
                . match ($kind) {
                    'value' => 'the value back',
                    'refused' => 'ValueError: ' . VALUE_ERROR . $want,
                    default => "LogicException: $want",
                });
        }
    }
    unset($value);

    // A batch ends at random (from the case's seed) or after 8 cases.
    if (count($batch) < 8 && $caseSeeds[$case] % 3 !== 0 && $pos < count($cases) - 1) {
        continue;
    }
    // Await in an order drawn from the cases' seeds.
    usort($batch, fn ($a, $b) => ($caseSeeds[$a['case']] >> 4) % 101 <=> ($caseSeeds[$b['case']] >> 4) % 101);
    foreach ($batch as $c) {
        $timedOut = false;
        $got = $e = null;
        try {
            try {
                $got = pogo_await($c['h'], $c['timeout']);
            } catch (Pogo\TimeoutException $t) {
                $timedOut = true;
                $prefix = sprintf('job %d (%s) on pool "%s" did not finish within ', $c['h'], $c['class'], $c['pool']);
                $suffix = ' s; it keeps running and can be awaited again';
                $shown = substr($t->getMessage(), strlen($prefix), -strlen($suffix));
                if (!str_starts_with($t->getMessage(), $prefix) || !str_ends_with($t->getMessage(), $suffix)
                    || !is_numeric($shown) || abs((float) $shown - $c['timeout']) > $c['timeout'] * 1e-5) {
                    case_failed($c['case'], 'TimeoutException message: ' . $t->getMessage());
                    continue;
                }
                if ($c['timeout'] >= AWAIT_LIMIT) {
                    case_failed($c['case'], "lost: not done after {$c['timeout']} s");
                    continue;
                }
                $got = pogo_await($c['h'], AWAIT_LIMIT);
            }
        } catch (Throwable $e) {
        }
        if (check_outcome($c, $got, $e)) {
            $passed++;
            if ($c['expect'][0] === 'value') {
                $outcomes[$timedOut ? 'value after TimeoutException' : 'value']++;
            }
        }
    }
    $batch = [];
}

$seconds = (hrtime(true) - $start) / 1e9;
printf("fuzz: seed %d, %d cases in %.1f s, memory peak %.1f MB\n", $seed, count($cases), $seconds,
    memory_get_peak_usage() / 1048576);
foreach ($outcomes as $k => $v) {
    printf("  %-38s %d\n", $k, $v);
}
ksort($reasons);
foreach ($reasons as $k => $v) {
    printf("    refused: %-40s %d\n", $k, $v);
}
if ($failed) {
    printf("fuzz: FAILED, seed %d: %d case(s) failed%s\n", $seed, $failed, $failed > 20 ? ' (first 20 shown)' : '');
}
echo "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);
