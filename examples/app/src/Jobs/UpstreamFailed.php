<?php

declare(strict_types=1);

namespace App\Jobs;

/** A job's own failure: reaches the page as Pogo\JobException. */
final class UpstreamFailed extends \RuntimeException
{
}
