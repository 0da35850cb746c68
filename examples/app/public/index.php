<?php

declare(strict_types=1);

header('Content-Type: text/plain');
echo "Pogo example application\n\n";
echo "  /fanout.php       three jobs on two pools, one of them an HTTP call\n";
echo "  /fragments.php    four HTML fragments rendered in parallel\n";
echo "  /metrics.php      every pool's pogo_stats() for Prometheus\n";
echo "  POST /post.php    jobs run while the request reads its body\n";
echo "  /faults.php?kind=exception|fatal|exit|memory|timeout|pool\n";
