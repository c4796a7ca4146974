<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.Originals, io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="img" uri="urn:imgfilter:tags" %>
<c:set var="pageTitle" value="Gallery"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="originals" value="${Originals.list(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Resized images, originals out of reach</h1>
<p class="lead">
  Every picture on this site is made on request by <code>ImageResizingFilter</code>, a servlet
  filter mapped to <code>/images/*</code>. The originals have no URL of their own; pages ask for
  named sizes, and the larger ones only through links signed with an expiry.
</p>

<ul class="tour">
  <li><a href="origin.jsp">Hidden origin</a><p>Where the originals live, and that no URL reaches them.</p></li>
  <li><a href="presets.jsp">Named presets</a><p>Sizes named in web.xml instead of dimensions in URLs.</p></li>
  <li><a href="limits.jsp">Hard limits</a><p>A request over the width limit, and what the browser gets.</p></li>
  <li><a href="signed.jsp">Signed URLs</a><p>Valid, expired, tampered and moved links side by side.</p></li>
  <li><a href="public.jsp">Public variants</a><p>Thumbnails that need no token.</p></li>
  <li><a href="responsive.jsp">Responsive images</a><p>One tag, a signed <code>srcset</code> across presets.</p></li>
  <li><a href="options.jsp">Formats and options</a><p>WebP for browsers that take it, fit, gravity, background.</p></li>
</ul>

<h2>Gallery <span class="count">(<c:out value="${originals.size()}"/> originals)</span></h2>
<c:choose>
  <c:when test="${empty originals and Originals.remoteSource(ctx)}">
    <p class="empty">The originals are on a hidden HTTP origin, which cannot be listed. Set
      <code>IMAGE_ORIGIN_INDEX</code> to their paths (comma-separated) to show them here.</p>
  </c:when>
  <c:when test="${empty originals}">
    <p class="empty">No originals found.</p>
  </c:when>
  <c:otherwise>
    <ul class="gallery">
      <c:forEach var="original" items="${originals}">
        <li class="card">
          <a class="thumb" href="<img:url src="${original.path}" preset="large"/>">
            <img:signed src="${original.path}" preset="thumb" loading="lazy" alt="${original.name}"/>
          </a>
          <p class="name" title="<c:out value="${original.path}"/>"><c:out value="${original.path}"/></p>
          <p class="variants">
            <a href="<img:url src="${original.path}" preset="small"/>">small</a>
            <a href="<img:url src="${original.path}" preset="medium"/>">medium</a>
            <a href="<img:url src="${original.path}" preset="large"/>">large</a>
          </p>
        </li>
      </c:forEach>
    </ul>
  </c:otherwise>
</c:choose>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
