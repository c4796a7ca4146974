<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="demo" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Public variants"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Public variants</h1>
<p class="lead">
  A preset marked <code>public</code> in web.xml is served without a token, like a Cloudflare
  variant “set to always allow public access”: here <code>thumb</code>, so thumbnails can be cached
  by anyone and linked from anywhere, while larger variants stay private.
</p>
<pre class="config">thumb:  width=150,height=150,fit=cover,public
small:  width=300</pre>
<div class="examples">
  <demo:example label="thumb, no token" expect="ok" src="${DemoLinks.unsigned(ctx, sample, 'thumb')}">
    Cached publicly: <code>Cache-Control: public, max-age=86400</code>.
  </demo:example>
  <demo:example label="small, no token" expect="fail" src="${DemoLinks.unsigned(ctx, sample, 'small')}">
    Not public: needs a signed URL.
  </demo:example>
</div>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
