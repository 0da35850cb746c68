<?php

declare(strict_types=1);

/*
 * What the benchmarks share: the ways to run a job (Pogo and the baselines,
 * all behind one dispatch/await interface), payloads, statistics and the CSV
 * rows every benchmark prints on standard output:
 *
 *     benchmark,impl,case,metric,value,unit
 */

require_once __DIR__ . '/jobs.php';

const BENCH_JSON_FLAGS = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION;
/** No single wait in a benchmark may last longer than this (seconds). */
const BENCH_WAIT = 60.0;

/** Rows of a run on a busy machine (tools/bench.sh's busy pass) go to "busy-BENCH". */
function bench_busy(?bool $set = null): bool
{
    static $busy = false;
    if ($set !== null) {
        $busy = $set;
    }

    return $busy;
}

function bench_row(string $bench, string $impl, string $case, string $metric, float|int $value, string $unit): void
{
    static $out = null;
    $out ??= fopen('php://stdout', 'w');
    $bench = (bench_busy() ? 'busy-' : '') . $bench;
    fputcsv($out, [$bench, $impl, $case, $metric, is_float($value) ? round($value, 3) : $value, $unit]);
    fflush($out);
}

/** Runs $fn until it has run $n times or $maxSeconds passed; returns the ns of each run. */
function bench_sample(callable $fn, int $n, float $maxSeconds): array
{
    $samples = [];
    $stop = hrtime(true) + (int) ($maxSeconds * 1e9);
    for ($i = 0; $i < $n; $i++) {
        $t = hrtime(true);
        $fn($i);
        $t2 = hrtime(true);
        $samples[] = $t2 - $t;
        if ($t2 > $stop) {
            break;
        }
    }

    return $samples;
}

function bench_check(bool $ok, string $what): void
{
    if (!$ok) {
        throw new RuntimeException("wrong result: $what");
    }
}

function bench_note(string $message): void
{
    fwrite(STDERR, "  $message\n");
}

/** Sorted copy's value at quantile $q (0..1), nearest rank. */
function bench_pct(array $samples, float $q): float
{
    sort($samples);
    $n = count($samples);

    return (float) $samples[max(0, min($n - 1, (int) ceil($q * $n) - 1))];
}

function bench_median(array $samples): float
{
    return bench_pct($samples, 0.5);
}

/**
 * A list of records whose JSON is at least $bytes long (one record is about
 * 100 bytes), the same shape bench/json_codec_bench.c builds.
 */
function bench_payload(int $bytes): array
{
    $rows = [];
    $len = 2;
    for ($i = 0; $len < $bytes; $i++) {
        $row = [
            'id' => $i,
            'name' => "item-$i",
            'price' => $i * 1.25,
            'active' => $i % 2 === 0,
            'tags' => ['alpha', 'beta'],
            'text' => 'lorem ipsum dolor sit amet',
        ];
        $rows[] = $row;
        $len += strlen(json_encode($row, BENCH_JSON_FLAGS)) + ($i > 0 ? 1 : 0);
    }

    return $rows;
}

/** "100 B", "10 KB", "1 MB", "8 MB" */
function bench_size_label(int $bytes): string
{
    return match (true) {
        $bytes >= 1 << 20 => ($bytes >> 20) . ' MB',
        $bytes >= 1000 => intdiv($bytes, 1000) . ' KB',
        default => "$bytes B",
    };
}

function bench_rss_kb(int|string $pid = 'self'): int
{
    $status = @file_get_contents("/proc/$pid/status");

    return $status !== false && preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m) ? (int) $m[1] : 0;
}

function bench_pss_kb(int $pid): int
{
    $rollup = @file_get_contents("/proc/$pid/smaps_rollup");

    return $rollup !== false && preg_match('/^Pss:\s+(\d+) kB/m', $rollup, $m) ? (int) $m[1] : 0;
}

/**
 * Standard error for child processes. Not the STDERR stream itself: proc_open()
 * seeks a seekable stream it is given back to the position PHP last knew for
 * it (0 if unused), which rewinds a log file that 2>&1 shares with stdout.
 */
function bench_child_stderr(): array
{
    return ['file', is_writable('/dev/stderr') ? '/dev/stderr' : '/dev/null', 'a'];
}

/** The PHP command line a baseline's child processes run: this binary, no php.ini. */
function bench_php_cmd(string $script, string ...$args): array
{
    return [PHP_BINARY, '-n', '-d', 'memory_limit=-1', '-d', 'display_errors=stderr', $script, ...$args];
}

/** One way of running jobs: dispatch returns a handle, await its result. */
abstract class Runner
{
    abstract public function dispatch(string $class, array $args): int;

    abstract public function await(int $handle): mixed;

    public function close(): void
    {
    }

    /** Dispatches every job, then awaits them in order. */
    public function all(string $class, array $argsList): array
    {
        $handles = [];
        foreach ($argsList as $args) {
            $handles[] = $this->dispatch($class, $args);
        }

        return array_map(fn (int $h) => $this->await($h), $handles);
    }
}

/** Pogo: a pool of worker threads in this process. */
final class PogoRunner extends Runner
{
    public function __construct(private string $pool)
    {
        if (!function_exists('pogo_dispatch')) {
            throw new RuntimeException('the pogo extension is not loaded');
        }
    }

    public function dispatch(string $class, array $args): int
    {
        return pogo_dispatch($class, $args, $this->pool);
    }

    public function await(int $handle): mixed
    {
        return pogo_await($handle, BENCH_WAIT);
    }
}

/** The baseline without parallelism: each job is a plain call in the request. */
final class SeqRunner extends Runner
{
    private array $results = [];
    private int $next = 1;

    public function dispatch(string $class, array $args): int
    {
        $this->results[$this->next] = (new $class())->handle($args);

        return $this->next++;
    }

    public function await(int $handle): mixed
    {
        $result = $this->results[$handle];
        unset($this->results[$handle]);

        return $result;
    }
}

/**
 * Jobs that run elsewhere and answer with a JSON envelope on a stream: at
 * most $concurrency at a time, the others wait in order. Subclasses start a
 * job and say when its answer is complete.
 */
abstract class StreamRunner extends Runner
{
    /** @var array<int, array{string, array}> */
    private array $pending = [];
    /** @var array<int, array> handle => ['stream' => resource, 'buf' => string, ...] */
    protected array $running = [];
    private array $done = [];
    private int $next = 1;

    public function __construct(protected int $concurrency)
    {
    }

    abstract protected function start(string $class, array $args): array;

    /** Whether the job's answer is complete; $eof: its stream was closed. */
    abstract protected function complete(array $job, bool $eof): bool;

    /** Releases what the job held; returns its answer. */
    abstract protected function finish(array $job): string;

    public function dispatch(string $class, array $args): int
    {
        $handle = $this->next++;
        $this->pending[$handle] = [$class, $args];
        $this->pump();

        return $handle;
    }

    public function await(int $handle): mixed
    {
        $deadline = hrtime(true) + (int) (BENCH_WAIT * 1e9);
        while (!array_key_exists($handle, $this->done)) {
            if (!isset($this->pending[$handle]) && !isset($this->running[$handle])) {
                throw new LogicException("unknown handle $handle");
            }
            $left = ($deadline - hrtime(true)) / 1e9;
            if ($left <= 0) {
                throw new RuntimeException(static::class . ": job $handle took longer than " . BENCH_WAIT . ' s');
            }
            $this->poll($left);
            $this->pump();
        }
        $envelope = json_decode($this->done[$handle], true, 512, JSON_THROW_ON_ERROR);
        unset($this->done[$handle]);
        if (!($envelope['ok'] ?? false)) {
            throw new RuntimeException('job failed: ' . ($envelope['error'] ?? 'no envelope'));
        }

        return $envelope['result'];
    }

    private function pump(): void
    {
        while ($this->pending && count($this->running) < $this->concurrency) {
            $handle = array_key_first($this->pending);
            [$class, $args] = $this->pending[$handle];
            unset($this->pending[$handle]);
            $job = $this->start($class, $args);
            stream_set_blocking($job['stream'], false);
            stream_set_read_buffer($job['stream'], 0);
            stream_set_chunk_size($job['stream'], 1 << 20);
            $job['buf'] = '';
            $this->running[$handle] = $job;
        }
    }

    private function poll(float $timeout): void
    {
        $read = array_map(fn (array $job) => $job['stream'], $this->running);
        $write = $except = null;
        $sec = (int) $timeout;
        if (@stream_select($read, $write, $except, $sec, (int) (($timeout - $sec) * 1e6)) === false) {
            return; // EINTR (SIGCHLD): try again
        }
        foreach ($read as $handle => $stream) {
            $job = &$this->running[$handle];
            $eof = false;
            while (true) {
                $chunk = fread($stream, 1 << 20);
                if ($chunk === false || $chunk === '') {
                    $eof = feof($stream);
                    break;
                }
                $job['buf'] .= $chunk;
            }
            if ($this->complete($job, $eof)) {
                $this->done[$handle] = $this->finish($job);
                unset($this->running[$handle]);
            } elseif ($eof) {
                throw new RuntimeException(static::class . ": job $handle ended without an answer");
            }
            unset($job);
        }
    }
}

/**
 * What spatie/fork does: pcntl_fork() per job, the child runs it and writes
 * the JSON result on its end of a socket pair, the parent reads it and reaps.
 */
final class ForkRunner extends StreamRunner
{
    protected function start(string $class, array $args): array
    {
        [$parent, $child] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        $pid = pcntl_fork();
        if ($pid === -1) {
            throw new RuntimeException('fork failed');
        }
        if ($pid === 0) {
            fclose($parent);
            try {
                $envelope = ['ok' => true, 'result' => (new $class())->handle($args)];
            } catch (Throwable $e) {
                $envelope = ['ok' => false, 'error' => $e->getMessage()];
            }
            $json = json_encode($envelope, BENCH_JSON_FLAGS);
            for ($off = 0, $len = strlen($json); $off < $len; $off += $n) {
                $n = fwrite($child, substr($json, $off, 1 << 20));
                if ($n === false || $n === 0) {
                    break;
                }
            }
            fclose($child);
            exit(0);
        }
        fclose($child);

        return ['stream' => $parent, 'pid' => $pid];
    }

    protected function complete(array $job, bool $eof): bool
    {
        return $eof;
    }

    protected function finish(array $job): string
    {
        fclose($job['stream']);
        pcntl_waitpid($job['pid'], $status);

        return $job['buf'];
    }
}

/** A new PHP process per job (proc_open): the job on its stdin, the answer on its stdout. */
final class ProcNewRunner extends StreamRunner
{
    protected function start(string $class, array $args): array
    {
        $proc = proc_open(bench_php_cmd(__DIR__ . '/worker_once.php'), [['pipe', 'r'], ['pipe', 'w'], bench_child_stderr()], $pipes);
        if ($proc === false) {
            throw new RuntimeException('proc_open failed');
        }
        // The child reads all of its input before it writes anything: no deadlock.
        fwrite($pipes[0], json_encode(['class' => $class, 'args' => $args], BENCH_JSON_FLAGS));
        fclose($pipes[0]);

        return ['stream' => $pipes[1], 'proc' => $proc];
    }

    protected function complete(array $job, bool $eof): bool
    {
        return $eof;
    }

    protected function finish(array $job): string
    {
        fclose($job['stream']);
        proc_close($job['proc']);

        return $job['buf'];
    }
}

/**
 * What amphp/parallel's process workers do: $concurrency PHP processes
 * started once (proc_open), each serving one job at a time over its pipes as
 * line-delimited JSON.
 */
final class ProcPoolRunner extends StreamRunner
{
    /** @var list<array{proc: resource, in: resource, out: resource, pid: int}> */
    private array $workers = [];
    /** @var list<int> */
    private array $idle = [];

    public function __construct(int $concurrency, ?string $bootstrap = null)
    {
        parent::__construct($concurrency);
        for ($i = 0; $i < $concurrency; $i++) {
            $cmd = bench_php_cmd(__DIR__ . '/worker_proc.php', ...($bootstrap !== null ? [$bootstrap] : []));
            $proc = proc_open($cmd, [['pipe', 'r'], ['pipe', 'w'], bench_child_stderr()], $pipes);
            if ($proc === false) {
                throw new RuntimeException('proc_open failed');
            }
            stream_set_chunk_size($pipes[0], 1 << 20);
            $this->workers[$i] = ['proc' => $proc, 'in' => $pipes[0], 'out' => $pipes[1],
                'pid' => proc_get_status($proc)['pid']];
            $this->idle[] = $i;
        }
    }

    public function pids(): array
    {
        return array_column($this->workers, 'pid');
    }

    protected function start(string $class, array $args): array
    {
        $i = array_shift($this->idle);
        $w = $this->workers[$i];
        // The worker reads a whole line before it answers: a blocking write is safe.
        $line = json_encode(['class' => $class, 'args' => $args], BENCH_JSON_FLAGS) . "\n";
        for ($off = 0, $len = strlen($line); $off < $len; $off += $n) {
            $n = fwrite($w['in'], $off === 0 && $len <= 1 << 20 ? $line : substr($line, $off, 1 << 20));
            if ($n === false || $n === 0) {
                throw new RuntimeException("worker $i is gone");
            }
        }

        return ['stream' => $w['out'], 'worker' => $i];
    }

    protected function complete(array $job, bool $eof): bool
    {
        return str_ends_with($job['buf'], "\n");
    }

    protected function finish(array $job): string
    {
        $this->idle[] = $job['worker'];
        stream_set_blocking($this->workers[$job['worker']]['out'], true);

        return $job['buf'];
    }

    public function close(): void
    {
        foreach ($this->workers as $w) {
            fclose($w['in']); // the worker's fgets() sees EOF and it exits
            fclose($w['out']);
            proc_close($w['proc']);
        }
        $this->workers = [];
    }
}

function bench_runner(string $impl, int $threads, ?string $bootstrap = null): Runner
{
    return match ($impl) {
        'pogo' => new PogoRunner("p$threads"),
        'seq' => new SeqRunner(),
        'fork' => new ForkRunner($threads),
        'procpool' => new ProcPoolRunner($threads, $bootstrap),
        'procnew' => new ProcNewRunner($threads),
        default => throw new InvalidArgumentException("unknown implementation $impl"),
    };
}
