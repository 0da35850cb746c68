<?php

/*
 * Pogo stress test: one process dispatches many jobs in batches, mixing every
 * outcome a job can have, and checks that each awaited handle ends in exactly
 * its documented outcome. Run by tools/stress.sh, which configures the pools:
 *
 *   stress        bootstrap tests/stress/jobs.php, max_jobs (request recycling)
 *   stress_slow   bootstrap tests/stress/jobs.php, 1 thread, max_execution_time=1
 *   stress_wait   bootstrap tests/stress/jobs.php, 1 thread, max_wait=3ms
 *
 * Environment: STRESS_JOBS (operations, default 10000), STRESS_BATCH (largest
 * batch, default 100), STRESS_SEED (default: random; printed), STRESS_DROP
 * (weight of never-awaited jobs per 1000 operations, default 50).
 *
 * Memory: after the warm-up (about 400 jobs per thread of the stress pool, at
 * most a fifth of the run), memory_get_usage() and VmRSS are noted, again at
 * each quarter and at the end; the run fails if VmRSS grew by more than 20%
 * + 8 MB. Jobs never awaited hold their memory until the request ends, as
 * documented: about 2 KB of VmRSS each.
 *
 * Kinds of operation (the first batch warms up and has one of each):
 *   echo      StressEcho returns its args: the result must be identical
 *   throw     StressThrow throws: JobException with the class, message, code, file and line
 *   error     StressError hits an uncaught Error: WorkerException (JobException accepted
 *             while the extension is changed from one to the other; counted apart)
 *   fatal     StressFatal raises E_USER_ERROR: WorkerException naming the message
 *   exit      StressExit calls exit(): WorkerException "the job called exit()"
 *   memory    StressMemory exhausts memory_limit: WorkerException "Allowed memory size"
 *   timeout   StressGated waits for a marker file: an await with a tiny timeout must
 *             throw TimeoutException; after the marker exists, the await succeeds
 *   spin      StressSpin on stress_slow: WorkerException "Maximum execution time"
 *   race      StressSleep for about as long as the await's timeout: the result, or
 *             TimeoutException and then the result
 *   maxwait   a burst of StressQueued on stress_wait: each gives its result, or
 *             PoolException (max_wait passed) and then it must never have run
 *   drop      any job, dispatched and never awaited
 *   badargs   $args holding a Closure: ValueError naming the path, no handle used
 *   nopool    an unknown pool: PoolException, no handle used
 *
 * Prints a summary table; exits 1 on any mismatch, with the handle and what was seen.
 */

declare(strict_types=1);

const POOL = 'stress';
const SLOW_POOL = 'stress_slow';
const WAIT_POOL = 'stress_wait';
const AWAIT_LIMIT = 120.0; // seconds: a job not done by then is lost
const MAX_REPORTED = 25;

$jobsFile = realpath(__DIR__ . '/jobs.php');
$total = max(1, (int) (getenv('STRESS_JOBS') ?: 10000));
$batchMax = max(1, (int) (getenv('STRESS_BATCH') ?: 100));
$seedEnv = getenv('STRESS_SEED');
$seed = ($seedEnv !== false && $seedEnv !== '') ? (int) $seedEnv : random_int(1, 1 << 30);
mt_srand($seed);

$failures = [];
function fail(string $message): void
{
    global $failures;
    $failures[] = $message;
    if (count($failures) <= MAX_REPORTED) {
        fwrite(STDOUT, "FAIL: $message\n");
    }
}

function line_of(string $file, string $needle): int
{
    foreach (file($file) as $i => $line) {
        if (str_contains($line, $needle)) {
            return $i + 1;
        }
    }
    throw new LogicException("'$needle' not found in $file");
}

function rss_kb(): int
{
    return preg_match('/^VmRSS:\s+(\d+) kB/m', (string) file_get_contents('/proc/self/status'), $m)
        ? (int) $m[1] : -1;
}

/**
 * Whether $s is $prefix then text matching $regex. (The regex stays the same
 * from job to job: PCRE caches every pattern it compiles.)
 */
function prefixed_match(string $s, string $prefix, string $regex): bool
{
    return str_starts_with($s, $prefix) && preg_match($regex, substr($s, strlen($prefix))) === 1;
}

/** What an outcome was, in a line. */
function describe(mixed $result, ?Throwable $e): string
{
    if ($e) {
        $s = get_class($e) . '(' . $e->getCode() . '): ' . $e->getMessage();
        if ($e instanceof Pogo\JobException) {
            $s .= " [remoteClass {$e->remoteClass}, {$e->remoteFile}:{$e->remoteLine}]";
        }
    } else {
        $s = 'result ' . json_encode($result, JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_UNESCAPED_UNICODE);
    }
    return strlen($s) > 400 ? substr($s, 0, 400) . '...' : $s;
}

$strings = ['', 'a', 'plain ascii', 'ünïcödé', '日本語のテキスト', "emoji 🐘🚀", "tab\tnew\nline", "nul\0byte",
    'quote " and \\ backslash', '</script>', '0', '-0', '1e3', ' 42'];
function payload(int $id): array
{
    global $strings;
    $args = [
        'id' => $id,
        's' => $strings[mt_rand(0, count($strings) - 1)],
        'n' => mt_rand(PHP_INT_MIN >> 1, PHP_INT_MAX >> 1) * 2 + mt_rand(0, 1),
        'f' => mt_rand() / mt_getrandmax() * (10 ** mt_rand(-5, 15)),
        'neg' => -$id,
        'list' => range(0, mt_rand(0, 8)),
        'map' => [7 => 'seven', 'k' => ['nested' => [true, false, null]], -2 => 0.5],
    ];
    if (mt_rand(1, 100) === 1) {
        $args['big'] = str_repeat('0123456789abcdef', mt_rand(64, 2048));
    }
    if (mt_rand(1, 200) === 1) {
        $args['print'] = true; // the job echoes: must reach stderr, never stdout
    }
    return $args;
}

$throwClasses = ['DomainException', 'RuntimeException', 'InvalidArgumentException', 'StressException'];
$throwLine = line_of($jobsFile, 'STRESS-THROW-LINE');
$fatalLine = line_of($jobsFile, "trigger_error('stress fatal '");
$errors = [
    'undefined' => ['Error', 'Call to undefined function stress_no_such_function_%d()'],
    'intdiv' => ['DivisionByZeroError', 'Division by zero'],
    'type' => ['TypeError', 'strlen(): Argument #1 ($string) must be of type string, array given'],
];

$weights = [
    'echo' => 780, 'throw' => 60, 'error' => 20, 'fatal' => 20, 'exit' => 10, 'memory' => 5,
    'timeout' => 20, 'race' => 20, 'maxwait' => 10, 'drop' => 50, 'badargs' => 10, 'nopool' => 5,
];
if (getenv('STRESS_DROP') !== false && getenv('STRESS_DROP') !== '') {
    $weights['drop'] = max(0, (int) getenv('STRESS_DROP'));
}
$weightSum = array_sum($weights);
function pick_kind(): string
{
    global $weights, $weightSum;
    $r = mt_rand(1, $weightSum);
    foreach ($weights as $kind => $w) {
        if (($r -= $w) <= 0) {
            return $kind;
        }
    }
    return 'echo';
}

try {
    $threads = pogo_pool_size(POOL);
    pogo_pool_size(SLOW_POOL);
    pogo_pool_size(WAIT_POOL);
} catch (Pogo\PoolException $e) {
    fwrite(STDERR, "stress: {$e->getMessage()}; run through tools/stress.sh, which configures the pools\n");
    exit(2);
}
// The plan: the kinds of every operation. The first batch has each kind once.
// The warm-up, after which memory is measured, lasts until each thread of the
// pool has had about 400 jobs (so that its allocator caches are at their usual
// size), but no more than a fifth of the run. Spins are few (each holds the
// slow pool's thread for max_execution_time).
$firstBatch = min($total, max(count($weights) + 1, min(200, intdiv($total, 5))));
$warmup = max($firstBatch, min(400 * $threads, intdiv($total, 5)));
$plan = array_merge(array_keys($weights), ['spin']);
while (count($plan) < $total) {
    $plan[] = pick_kind();
}
$plan = array_slice($plan, 0, $total);
$spins = max(1, intdiv($total, 3000));
for ($i = 1; $i < $spins; $i++) {
    $plan[mt_rand($firstBatch, $total - 1)] = 'spin';
}

$markerDir = sys_get_temp_dir() . '/pogo-stress-' . getmypid();
@mkdir($markerDir);

$count = array_fill_keys(['result', 'job-exception', 'error-worker', 'error-job', 'fatal', 'exit',
    'memory', 'timeout-then-result', 'time-limit', 'race-result', 'race-timeout-then-result',
    'maxwait-result', 'maxwait-expired', 'dropped', 'value-error', 'pool-exception',
    'reawait-refused'], 0);
$dispatched = 0;
$awaited = 0;
$lastHandle = 0;
$memBase = $rssBase = $memPeakBase = null;
$t0 = hrtime(true);
$tWarm = null;

/** Dispatches and checks that handles start at 1 and only grow. */
function dispatch(string $class, array $args, string $pool = POOL): int
{
    global $lastHandle, $dispatched;
    $h = pogo_dispatch($class, $args, $pool);
    if ($lastHandle === 0 && $h !== 1) {
        fail("the first handle is $h, not 1");
    } elseif ($h <= $lastHandle) {
        fail("handle $h after handle $lastHandle: handles must grow");
    }
    $lastHandle = $h;
    $dispatched++;
    return $h;
}

/** Awaits a pending job and checks its outcome. */
function await_and_check(array $p): void
{
    global $count, $expired, $awaited, $jobsFile, $throwLine, $fatalLine;
    $h = $p['h'];
    $kind = $p['kind'];
    $result = null;
    $e = null;
    $raceTimedOut = false;
    try {
        if (isset($p['first'])) {
            // A race between the job's end and the await's deadline: both outcomes are right.
            try {
                $result = pogo_await($h, $p['first']);
            } catch (Pogo\TimeoutException $e) {
                $raceTimedOut = true;
                $e = null;
                $result = pogo_await($h, AWAIT_LIMIT);
            }
        } else {
            $result = pogo_await($h, AWAIT_LIMIT);
        }
    } catch (Throwable $e) {
    }
    $awaited++;
    $seen = describe($result, $e);
    $ok = false;
    if ($e instanceof Pogo\TimeoutException) {
        fail("handle $h ($kind) lost: not finished after " . AWAIT_LIMIT . " s");
        return;
    }
    $worker = fn (string $class) => sprintf('pool "%s": the worker running job %d (%s) failed: ',
        $kind === 'spin' ? SLOW_POOL : POOL, $h, $class);
    switch ($kind) {
        case 'race':
            if ($ok = !$e && $result === $p['expect']) {
                $count[$raceTimedOut ? 'race-timeout-then-result' : 'race-result']++;
            }
            break;
        case 'maxwait':
            if (!$e && $result === $p['expect']) {
                $ok = true;
                $count['maxwait-result']++;
            } elseif ($e && get_class($e) === 'Pogo\PoolException' && $e->getMessage() === sprintf(
                'pool "%s": job %d (StressQueued) waited longer than max_wait (3ms) for a free worker and was not run',
                WAIT_POOL, $h)) {
                $ok = true;
                $count['maxwait-expired']++;
                $expired[$h] = $p['ran'];
            }
            break;
        case 'echo':
        case 'timeout':
            if ($ok = !$e && $result === $p['expect']) {
                $count[$kind === 'echo' ? 'result' : 'timeout-then-result']++;
            }
            break;
        case 'throw':
            $x = $p['expect'];
            if ($ok = $e && get_class($e) === 'Pogo\JobException' && $e->getMessage() === $x['message']
                && $e->getCode() === $x['code'] && $e->remoteClass === $x['class']
                && $e->remoteFile === $jobsFile && $e->remoteLine === $throwLine
                && str_contains($e->remoteTrace, 'StressThrow->handle(') && $e->getPrevious() === null) {
                $count['job-exception']++;
            }
            break;
        case 'error':
            [$class, $message] = $p['expect'];
            if ($e && get_class($e) === 'Pogo\WorkerException'
                && prefixed_match($e->getMessage(), $worker('StressError') . "Uncaught $class: $message in $jobsFile:", '/^\d+$/')) {
                $ok = true;
                $count['error-worker']++;
            } elseif ($e && get_class($e) === 'Pogo\JobException' && $e->remoteClass === $class && $e->getMessage() === $message) {
                $ok = true;
                $count['error-job']++;
            }
            break;
        case 'fatal':
            if ($ok = $e && get_class($e) === 'Pogo\WorkerException'
                && $e->getMessage() === $worker('StressFatal') . "stress fatal {$p['expect']} in $jobsFile on line $fatalLine") {
                $count['fatal']++;
            }
            break;
        case 'exit':
            if ($ok = $e && get_class($e) === 'Pogo\WorkerException'
                && $e->getMessage() === $worker('StressExit') . 'the job called exit()') {
                $count['exit']++;
            }
            break;
        case 'memory':
            if ($ok = $e && get_class($e) === 'Pogo\WorkerException'
                && prefixed_match($e->getMessage(), $worker('StressMemory'), '/^Allowed memory size of \d+ bytes exhausted'
                    . '.* \(tried to allocate \d+ bytes\) in ' . preg_quote($jobsFile, '/') . ' on line \d+$/')) {
                $count['memory']++;
            }
            break;
        case 'spin':
            if ($ok = $e && get_class($e) === 'Pogo\WorkerException'
                && prefixed_match($e->getMessage(), $worker('StressSpin'), '/^Maximum execution time of 1 second exceeded in '
                    . preg_quote($jobsFile, '/') . ' on line \d+$/')) {
                $count['time-limit']++;
            }
            break;
    }
    if (!$ok) {
        fail("handle $h ($kind): got $seen" . (isset($p['expect']) ? '; expected ' . describe($p['expect'], null) : ''));
    }
    if (isset($p['marker'])) {
        @unlink($p['marker']);
    }
    // A used handle cannot be awaited again.
    if (mt_rand(1, 50) === 1) {
        try {
            pogo_await($h, 0);
            fail("handle $h ($kind) could be awaited twice");
        } catch (Pogo\PogoException $e2) {
            $want = "handle $h cannot be awaited here: it was already awaited, or another request dispatched it";
            if (get_class($e2) === 'Pogo\PogoException' && $e2->getMessage() === $want) {
                $count['reawait-refused']++;
            } else {
                fail("handle $h ($kind) awaited twice: " . describe(null, $e2));
            }
        }
    }
}

$seq = 0;
$expired = [];
$checkpoints = [intdiv($total, 4), intdiv($total, 2), intdiv(3 * $total, 4)];
$rssAt = [];
$late = []; // spins: awaited at the end, so that they do not hold up their batch
for ($pos = 0; $pos < $total;) {
    $size = $pos === 0 ? $firstBatch : min(mt_rand(1, $batchMax), $total - $pos);
    $pending = [];
    foreach (array_slice($plan, $pos, $size) as $kind) {
        $id = ++$seq;
        switch ($kind) {
            case 'echo':
                $args = payload($id);
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressEcho', $args), 'expect' => $args];
                break;
            case 'throw':
                $args = ['class' => $throwClasses[mt_rand(0, 3)], 'message' => "thrown $id ✓",
                    'code' => mt_rand(-1000, 1000)];
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressThrow', $args), 'expect' => $args];
                break;
            case 'error':
                $how = array_keys($errors)[mt_rand(0, 2)];
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressError', ['id' => $id, 'how' => $how]),
                    'expect' => [$errors[$how][0], sprintf($errors[$how][1], $id)]];
                break;
            case 'fatal':
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressFatal', ['id' => $id]), 'expect' => $id];
                break;
            case 'exit':
                $how = ['int', 'string', 'bare'][mt_rand(0, 2)];
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressExit', ['id' => $id, 'how' => $how])];
                break;
            case 'memory':
                $how = mt_rand(0, 1) ? 'huge' : 'grow';
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressMemory', ['how' => $how])];
                break;
            case 'spin':
                $spin = ['kind' => $kind, 'h' => dispatch('StressSpin', ['id' => $id], SLOW_POOL)];
                if ($pos === 0) {
                    $pending[] = $spin; // the warm-up waits for its spin
                } else {
                    $late[] = $spin;
                }
                break;
            case 'race':
                $us = mt_rand(0, 3000);
                $pending[] = ['kind' => $kind, 'h' => dispatch('StressSleep', ['id' => $id, 'us' => $us]),
                    'expect' => $id, 'first' => mt_rand(0, 3000) / 1e6];
                break;
            case 'maxwait':
                for ($k = mt_rand(2, 6); $k > 0; $k--, $id = ++$seq) {
                    $ran = "$markerDir/ran-$id";
                    $pending[] = ['kind' => $kind, 'expect' => $id, 'ran' => $ran,
                        'h' => dispatch('StressQueued', ['id' => $id, 'us' => mt_rand(500, 3000), 'ran' => $ran], WAIT_POOL)];
                }
                break;
            case 'timeout':
                $marker = "$markerDir/$id";
                $h = dispatch('StressGated', ['id' => $id, 'marker' => $marker]);
                $timeouts = [mt_rand(0, 3) === 0 ? 0.0 : mt_rand(1, 2000) / 1e6];
                if (mt_rand(0, 1)) {
                    $timeouts[] = 0.0;
                }
                foreach ($timeouts as $t) {
                    try {
                        $r = pogo_await($h, $t);
                        fail("handle $h (timeout): pogo_await(\$h, $t) before the marker exists gave " . describe($r, null));
                    } catch (Pogo\TimeoutException $e) {
                        $want = sprintf('job %d (StressGated) on pool "%s" did not finish within %g s; '
                            . 'it keeps running and can be awaited again', $h, POOL, $t);
                        if ($e->getMessage() !== $want) {
                            fail("handle $h (timeout): message " . var_export($e->getMessage(), true) . ", expected " . var_export($want, true));
                        }
                    } catch (Throwable $e) {
                        fail("handle $h (timeout): pogo_await(\$h, $t) before the marker exists threw " . describe(null, $e));
                    }
                }
                touch($marker);
                $pending[] = ['kind' => $kind, 'h' => $h, 'expect' => ['id' => $id, 'gave_up' => false], 'marker' => $marker];
                break;
            case 'drop':
                switch (mt_rand(0, 5)) {
                    case 0:
                        dispatch('StressThrow', ['class' => 'DomainException', 'message' => 'dropped', 'code' => 1]);
                        break;
                    case 1:
                        dispatch('StressFatal', ['id' => $id]);
                        break;
                    case 2:
                        dispatch('StressExit', ['id' => $id, 'how' => 'int']);
                        break;
                    case 3:
                        dispatch('StressSleep', ['id' => $id, 'us' => mt_rand(0, 3000)]);
                        break;
                    default:
                        dispatch('StressEcho', payload($id));
                }
                $count['dropped']++;
                break;
            case 'badargs':
                $before = $lastHandle;
                try {
                    $h = pogo_dispatch('StressEcho', ['id' => $id, 'list' => [1, 2, ['f' => fn () => $id]]], POOL);
                    fail("a Closure in \$args was dispatched as handle $h");
                } catch (ValueError $e) {
                    $want = "pogo_dispatch(): Argument #2 (\$args) must be JSON-compatible: \$args['list'][2]['f'] is a Closure";
                    if ($e->getMessage() !== $want) {
                        fail('badargs: ' . describe(null, $e) . ", expected ValueError: $want");
                    } else {
                        $count['value-error']++;
                    }
                }
                break;
            case 'nopool':
                try {
                    $h = pogo_dispatch('StressEcho', ['id' => $id], 'stress_missing');
                    fail("a job was dispatched to an unknown pool as handle $h");
                } catch (Pogo\PoolException $e) {
                    if ($e->getMessage() !== 'unknown pool "stress_missing"' && !str_contains($e->getMessage(), '"stress_missing"')) {
                        fail('nopool: ' . describe(null, $e));
                    } else {
                        $count['pool-exception']++;
                    }
                }
                break;
        }
    }

    // Await in order, in reverse, or shuffled.
    switch (mt_rand(0, 2)) {
        case 1:
            $pending = array_reverse($pending);
            break;
        case 2:
            for ($i = count($pending) - 1; $i > 0; $i--) {
                $j = mt_rand(0, $i);
                [$pending[$i], $pending[$j]] = [$pending[$j], $pending[$i]];
            }
    }
    foreach ($pending as $p) {
        await_and_check($p);
    }
    unset($pending, $p);
    $pos += $size;
    // Every job of the batch is done: an expired one must never have run.
    foreach ($expired as $h => $ran) {
        if (file_exists($ran)) {
            fail("handle $h (maxwait) expired (PoolException) but ran all the same");
        }
    }
    foreach (glob("$markerDir/ran-*") as $ran) {
        unlink($ran);
    }
    $expired = [];

    if ($memBase === null && $pos >= $warmup) {
        // After warm-up: every kind has run, the pools' threads have rebooted.
        gc_collect_cycles();
        $memBase = memory_get_usage();
        $memPeakBase = memory_get_usage(true);
        $rssBase = rss_kb();
        $tWarm = hrtime(true);
        printf("seed %d, %d operations in batches of up to %d, pool \"%s\" of %d threads\n",
            $seed, $total, $batchMax, POOL, $threads);
        printf("after warm-up (%d operations): memory_get_usage %d, VmRSS %d kB\n", $pos, $memBase, $rssBase);
    }
    // VmRSS at each quarter of the run, to see a slope.
    while ($checkpoints && $pos >= $checkpoints[0]) {
        $rssAt[array_shift($checkpoints)] = rss_kb();
    }
}
foreach ($late as $p) {
    await_and_check($p);
}
gc_collect_cycles();
$memEnd = memory_get_usage();
$memRealEnd = memory_get_usage(true);
$rssEnd = rss_kb();
$seconds = (hrtime(true) - $t0) / 1e9;
@rmdir($markerDir);

printf("at the end: memory_get_usage %d, VmRSS %d kB\n", $memEnd, $rssEnd);
$rows = [
    ['operations', $total],
    ['dispatched', $dispatched],
    ['awaited', $awaited],
];
foreach ($count as $k => $v) {
    $rows[] = [$k, $v];
}
$rows[] = ['memory_get_usage after warm-up / end', "$memBase / $memEnd"];
$rows[] = ['memory_get_usage(true) after warm-up / end', "$memPeakBase / $memRealEnd"];
$rows[] = ['VmRSS after warm-up / end (kB)', "$rssBase / $rssEnd"];
$rows[] = ['VmRSS at 1/4, 1/2, 3/4 of the run (kB)', implode(', ', $rssAt)];
$rows[] = ['seconds (total / after warm-up)', sprintf('%.2f / %.2f', $seconds, (hrtime(true) - $tWarm) / 1e9)];
$rows[] = ['jobs/s', sprintf('%.0f', $dispatched / $seconds)];
foreach ($rows as [$k, $v]) {
    printf("  %-44s %s\n", $k, $v);
}

// Memory: RSS may grow a little (allocator caches), not with the number of jobs.
$rssLimit = (int) ($rssBase * 1.2) + 8 * 1024;
if ($rssEnd > $rssLimit) {
    fail("VmRSS grew from $rssBase kB to $rssEnd kB (limit $rssLimit kB: 20% + 8 MB)");
}
// Every job dispatched and not dropped was awaited once, with one outcome counted.
if ($awaited !== $dispatched - $count['dropped']) {
    fail("awaited $awaited of $dispatched dispatched jobs ({$count['dropped']} dropped)");
}
$counted = array_sum($count) - $count['dropped'] - $count['value-error'] - $count['pool-exception']
    - $count['reawait-refused'];
if (!$failures && $counted !== $awaited) {
    fail("$counted outcomes counted for $awaited awaited jobs");
}
if ($failures) {
    printf("stress: FAILED, %d problem(s), seed %d\n", count($failures), $seed);
    exit(1);
}
echo "stress: OK\n";
