"""ffmpeg pipelines: one supervised transcoder per camera and grade, HTTP-FLV and HLS out."""
