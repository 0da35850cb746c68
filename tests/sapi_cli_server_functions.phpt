--TEST--
Under php -S, a job that calls the server's functions (getallheaders() and the like) gets what a request without a client would, and the server keeps serving
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$probe = stream_socket_server('tcp://127.0.0.1:0');
$addr = stream_socket_get_name($probe, false);
fclose($probe);
$cmd = pogo_test_php_command('-S', [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => 1,
], [$addr, __DIR__ . '/fixtures/server_functions_router.php']);
$log = tempnam(sys_get_temp_dir(), 'pogo-cli-server');
$server = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', $log, 'w'], 2 => ['file', $log, 'a']], $pipes);
for ($i = 0; $i < 200 && !($c = @stream_socket_client("tcp://$addr", $errno, $errstr, 0.1)); $i++) {
    usleep(25000);
}
if ($c) {
    fclose($c);
}
$context = stream_context_create(['http' => ['header' => "X-Pogo-Test: yes\r\n", 'timeout' => 20]]);
for ($i = 1; $i <= 2; $i++) {
    $body = @file_get_contents("http://$addr/", false, $context);
    echo "request $i: ", $body === false ? "no answer\n" : $body;
}
$status = proc_get_status($server);
echo 'server still running: ', var_export($status['running'], true), "\n";
proc_terminate($server, 2); // SIGINT: php -S shuts down cleanly (its pools stop, nothing leaks)
proc_close($server);
$out = file_get_contents($log);
unlink($log);
echo preg_match('/Segmentation|signal|core dumped/i', $out) ? "server log: $out" : "server log clean\n";
?>
--EXPECT--
request 1: {"job":{"getallheaders":[],"apache_request_headers":[],"apache_response_headers":[]},"request sees its header":true}
request 2: {"job":{"getallheaders":[],"apache_request_headers":[],"apache_response_headers":[]},"request sees its header":true}
server still running: true
server log clean
