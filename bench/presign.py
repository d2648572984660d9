#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Presigned URLs for the "ceiling" client of bench/run.sh, made with the botocore that awscli v2 bundles
# (/usr/lib/python3/dist-packages/awscli/botocore; there is no standalone botocore on Debian 12's /usr/bin/python3).
#
#   presign.py ENDPOINT BUCKET KEY get                      -> one presigned GetObject URL
#   presign.py ENDPOINT BUCKET KEY parts UPLOAD_ID NPARTS   -> NPARTS presigned UploadPart URLs, one per line
#
# Credentials and region come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION.
import os
import sys

try:
    from awscli.botocore.config import Config
    from awscli.botocore.session import get_session
except ImportError:  # a standalone botocore, if that is what this python has
    from botocore.config import Config
    from botocore.session import get_session


def main(argv):
    if len(argv) < 5 or argv[4] not in ("get", "parts"):
        sys.stderr.write(__doc__ or "usage: presign.py ENDPOINT BUCKET KEY get|parts UPLOAD_ID NPARTS\n")
        return 2
    endpoint, bucket, key, mode = argv[1:5]
    client = get_session().create_client(
        "s3",
        region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        endpoint_url=endpoint,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    expires = 3600
    if mode == "get":
        print(client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=expires))
        return 0
    upload_id, nparts = argv[5], int(argv[6])
    for number in range(1, nparts + 1):
        print(client.generate_presigned_url(
            "upload_part",
            Params={"Bucket": bucket, "Key": key, "UploadId": upload_id, "PartNumber": number},
            ExpiresIn=expires))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
