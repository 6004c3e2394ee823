<?xml version="1.0" encoding="utf-8"?>
<!-- A readable page for an Atom feed opened in a browser (the feeds name this stylesheet in
     an xml-stylesheet instruction); feed readers ignore it. The words follow the feed's
     xml:lang: Vietnamese, or English. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:a="http://www.w3.org/2005/Atom" exclude-result-prefixes="a">
  <xsl:output method="html" encoding="utf-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:variable name="en" select="starts-with(/a:feed/@xml:lang, 'en')"/>

  <xsl:template match="/a:feed">
    <xsl:variable name="site" select="a:link[@rel='alternate']/@href"/>
    <html lang="{@xml:lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="a:title"/></title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="{$site}"><xsl:value-of select="a:title"/></a>
          </div>
        </header>
        <main id="main" class="wrap feed-page">
          <p class="banner banner-feed">
            <xsl:choose>
              <xsl:when test="$en">This is an Atom feed. To follow it, copy its address into a feed reader: </xsl:when>
              <xsl:otherwise>Đây là nguồn tin Atom. Để theo dõi, hãy chép địa chỉ này vào phần mềm đọc tin: </xsl:otherwise>
            </xsl:choose>
            <code><xsl:value-of select="a:link[@rel='self']/@href"/></code>
          </p>
          <h1><xsl:value-of select="a:title"/></h1>
          <xsl:if test="a:subtitle">
            <p class="intro"><xsl:value-of select="a:subtitle"/></p>
          </xsl:if>
          <p>
            <a href="{$site}">
              <xsl:choose>
                <xsl:when test="$en">Open the page on the site</xsl:when>
                <xsl:otherwise>Xem trang này trên cổng thông tin</xsl:otherwise>
              </xsl:choose>
            </a>
          </p>
          <xsl:choose>
            <xsl:when test="a:entry">
              <ol class="summaries">
                <xsl:apply-templates select="a:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">
                <xsl:choose>
                  <xsl:when test="$en">The feed has no entries at the moment.</xsl:when>
                  <xsl:otherwise>Nguồn tin hiện chưa có mục nào.</xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="a:entry">
    <li class="summary">
      <xsl:if test="a:category/@label">
        <p class="summary-kind"><xsl:value-of select="a:category/@label"/></p>
      </xsl:if>
      <h2 class="summary-title">
        <a href="{a:link[@rel='alternate']/@href}"><xsl:value-of select="a:title"/></a>
      </h2>
      <p class="summary-meta">
        <xsl:if test="a:author/a:name">
          <xsl:value-of select="a:author/a:name"/>
          <xsl:text> · </xsl:text>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$en">Updated </xsl:when>
          <xsl:otherwise>Cập nhật </xsl:otherwise>
        </xsl:choose>
        <time datetime="{a:updated}">
          <xsl:call-template name="date">
            <xsl:with-param name="instant" select="a:updated"/>
          </xsl:call-template>
        </time>
      </p>
      <xsl:if test="a:summary">
        <p><xsl:value-of select="a:summary"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- "2023-04-12T…" as 12/4/2023 (Vietnamese) or 2023-04-12 (English). -->
  <xsl:template name="date">
    <xsl:param name="instant"/>
    <xsl:choose>
      <xsl:when test="$en"><xsl:value-of select="substring($instant, 1, 10)"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(number(substring($instant, 9, 2)), '/',
                                     number(substring($instant, 6, 2)), '/',
                                     substring($instant, 1, 4))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
